package dev.ctrl.engine;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.TargetKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which policies apply to a target. A selector is evaluated once per combination of the entities
 * it reads: one that reads only `deployment` and `environment` once per (deployment, environment)
 * group, one that reads only `resource` once per resource, a constant one once. With 100,000
 * targets and a handful of policies that is thousands of CEL evaluations instead of 500,000.
 */
public final class Policies {
  /** A policy that applies, with its rules numbered from 1 in the order written. */
  public record Applied(PolicySpec policy) {}

  private static final Pattern READS_DEPLOYMENT = Pattern.compile("\\bdeployment\\b");
  private static final Pattern READS_ENVIRONMENT = Pattern.compile("\\benvironment\\b");
  private static final Pattern READS_RESOURCE = Pattern.compile("\\bresource\\b");

  /** An enabled policy with its compiled selector and the entities the selector reads. */
  private record Compiled(int index, PolicySpec policy, Selector selector, boolean deployment, boolean environment,
      boolean resource, Applied applied) {
    Compiled(int index, PolicySpec policy, Selector selector, boolean deployment, boolean environment,
        boolean resource) {
      this(index, policy, selector, deployment, environment, resource, new Applied(policy));
    }
  }

  /** What a selector's verdict depends on: the policy and the entities it reads (null: not read). */
  private record MatchKey(int policy, String deployment, String environment, String resource) {
    @Override
    public int hashCode() {
      return HashMix.of(policy, java.util.Objects.hashCode(deployment), java.util.Objects.hashCode(environment),
          java.util.Objects.hashCode(resource));
    }
  }

  /**
   * True when a CEL expression may read the `resource` variable (by the word: never a false no).
   * A missing expression counts as reading it: judged per target, as it always was.
   */
  public static boolean readsResource(String expression) {
    return expression == null || READS_RESOURCE.matcher(expression).find();
  }

  private static final Object DEPLOYMENT_MAP = new Object();
  private static final Object ENVIRONMENT_MAP = new Object();

  private final List<Compiled> enabled = new ArrayList<>();
  private final Map<MatchKey, Boolean> matches = new java.util.concurrent.ConcurrentHashMap<>();
  private final StateIndex index;

  public Policies(List<PolicySpec> policies, StateIndex index, CelExpressions cel) {
    this.index = index;
    List<PolicySpec> sorted = new ArrayList<>();
    for (PolicySpec p : policies) {
      if (p.enabled()) {
        sorted.add(p);
      }
    }
    sorted.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
    for (PolicySpec p : sorted) {
      try {
        Selector s = Selector.compile(p.selector(), cel);
        boolean constant = s.isConstant();
        enabled.add(new Compiled(enabled.size(), p, s, !constant && READS_DEPLOYMENT.matcher(s.text()).find(),
            !constant && READS_ENVIRONMENT.matcher(s.text()).find(), !constant && READS_RESOURCE.matcher(s.text()).find()));
      } catch (ExprException e) {
        // apply refuses selectors that do not compile; a stored one that no longer does applies nowhere
      }
    }
  }

  public List<Applied> applicable(TargetFact t) {
    return applicable(t, null);
  }

  /**
   * As applicable(t), for a target of the group `caches` belongs to: the verdicts of selectors
   * that do not read the resource are the group's, looked up once per group instead of once per
   * target (a million targets made six million cache lookups of them).
   */
  List<Applied> applicable(TargetFact t, EngineCaches caches) {
    Boolean[] group = caches == null ? null : caches.memo(GROUP_VERDICTS, k -> new Boolean[enabled.size()]);
    List<Applied> out = new ArrayList<>();
    TargetKey k = t.key();
    for (Compiled c : enabled) {
      if (group != null && !c.resource()) {
        Boolean m = group[c.index()];
        if (m == null) {
          m = matches(c, t, k);
          group[c.index()] = m;
        }
        if (m) {
          out.add(c.applied());
        }
        continue;
      }
      if (matches(c, t, k)) {
        out.add(c.applied());
      }
    }
    return out;
  }

  /** The key of a group's verdicts of the selectors that do not read the resource, by policy index. */
  private static final Object GROUP_VERDICTS = new Object();

  private boolean matches(Compiled c, TargetFact t, TargetKey k) {
    MatchKey key = new MatchKey(c.index(), c.deployment() ? k.deployment() : null,
        c.environment() ? k.environment() : null, c.resource() ? k.resource() : null);
    Boolean m = matches.get(key);
    if (m == null) {
      m = test(c, t);
      matches.put(key, m);
    }
    return m;
  }

  private boolean test(Compiled c, TargetFact t) {
    Map<String, Object> vars = new HashMap<>();
    if (c.deployment()) {
      vars.put("deployment", EntityMaps.deployment(index.deployment(t.key().deployment())));
    }
    if (c.environment()) {
      vars.put("environment", EntityMaps.environment(index.environment(t.key().environment())));
    }
    if (c.resource()) {
      vars.put("resource", EntityMaps.resource(index.resource(t.key().resource())));
    }
    try {
      return c.selector().matches(vars);
    } catch (ExprException e) {
      return false;
    }
  }

  /** The CEL variables of a target of the group `caches` belongs to (its deployment and environment maps made once). */
  static Map<String, Object> variables(TargetFact t, StateIndex index, EngineCaches caches) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("deployment", caches.memo(DEPLOYMENT_MAP, k -> EntityMaps.deployment(index.deployment(t.key().deployment()))));
    vars.put("environment", caches.memo(ENVIRONMENT_MAP,
        k -> EntityMaps.environment(index.environment(t.key().environment()))));
    vars.put("resource", EntityMaps.resource(index.resource(t.key().resource())));
    return vars;
  }
}
