package dev.ctrl.engine;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.PolicySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which policies apply to a target. A selector that does not read `resource` is evaluated once
 * per (deployment, environment) group rather than once per target.
 */
public final class Policies {
  /** A policy that applies, with its rules numbered from 1 in the order written. */
  public record Applied(PolicySpec policy) {}

  private static final Pattern READS_RESOURCE = Pattern.compile("\\bresource\\b");

  private final List<PolicySpec> enabled = new ArrayList<>();
  private final Map<PolicySpec, Selector> selectors = new HashMap<>();
  private final Map<PolicySpec, Boolean> readsResource = new HashMap<>();
  private final Map<GroupKey, Boolean> groupMatches = new java.util.concurrent.ConcurrentHashMap<>();

  private record GroupKey(String policy, String deployment, String environment) {
    @Override
    public int hashCode() {
      return HashMix.of(policy.hashCode(), deployment.hashCode(), environment.hashCode());
    }
  }
  private final StateIndex index;

  public Policies(List<PolicySpec> policies, StateIndex index, CelExpressions cel) {
    this.index = index;
    for (PolicySpec p : policies) {
      if (!p.enabled()) {
        continue;
      }
      try {
        Selector s = Selector.compile(p.selector(), cel);
        selectors.put(p, s);
        readsResource.put(p, !s.isConstant() && READS_RESOURCE.matcher(s.text()).find());
        enabled.add(p);
      } catch (ExprException e) {
        // apply refuses selectors that do not compile; a stored one that no longer does applies nowhere
      }
    }
    enabled.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
  }

  public List<Applied> applicable(TargetFact t) {
    List<Applied> out = new ArrayList<>();
    for (PolicySpec p : enabled) {
      Selector s = selectors.get(p);
      boolean matches;
      if (!readsResource.get(p)) {
        GroupKey key = new GroupKey(p.name(), t.key().deployment(), t.key().environment());
        matches = groupMatches.computeIfAbsent(key, k -> test(s, t, false));
      } else {
        matches = test(s, t, true);
      }
      if (matches) {
        out.add(new Applied(p));
      }
    }
    return out;
  }

  private boolean test(Selector s, TargetFact t, boolean withResource) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("deployment", EntityMaps.deployment(index.deployment(t.key().deployment())));
    vars.put("environment", EntityMaps.environment(index.environment(t.key().environment())));
    if (withResource) {
      vars.put("resource", EntityMaps.resource(index.resource(t.key().resource())));
    }
    try {
      return s.matches(vars);
    } catch (ExprException e) {
      return false;
    }
  }

  static Map<String, Object> variables(TargetFact t, StateIndex index) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("deployment", EntityMaps.deployment(index.deployment(t.key().deployment())));
    vars.put("environment", EntityMaps.environment(index.environment(t.key().environment())));
    vars.put("resource", EntityMaps.resource(index.resource(t.key().resource())));
    return vars;
  }
}
