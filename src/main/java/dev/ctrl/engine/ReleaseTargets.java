package dev.ctrl.engine;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.Declared;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes release targets (DOMAIN.md section 4): (d, e, r) when r matches both resource
 * selectors and d and e share a system. Costs resources x (environments + deployments)
 * selector evaluations, never resources x environments x deployments.
 */
public final class ReleaseTargets {
  /** A selector that failed on a resource (for example it yields a string, not a boolean). */
  public record Failure(Declared owner, String expression, String resource, String message) {}

  /** The targets, in key order, and the failures; targets are only complete when there are none. */
  public record Result(Set<TargetKey> targets, List<Failure> failures) {}

  private ReleaseTargets() {}

  public static Result compute(List<ResourceSpec> resources, List<EnvironmentSpec> environments,
      List<DeploymentSpec> deployments, CelExpressions cel) {
    List<Failure> failures = new ArrayList<>();
    Map<EnvironmentSpec, Selector> envSelectors = new LinkedHashMap<>();
    Map<DeploymentSpec, Selector> depSelectors = new LinkedHashMap<>();
    for (EnvironmentSpec e : environments) {
      Selector s = compile(e, e.resourceSelector(), cel, failures);
      if (s != null) {
        envSelectors.put(e, s);
      }
    }
    for (DeploymentSpec d : deployments) {
      Selector s = compile(d, d.resourceSelector(), cel, failures);
      if (s != null) {
        depSelectors.put(d, s);
      }
    }
    Set<TargetKey> targets = new TreeSet<>();
    for (ResourceSpec r : resources) {
      Map<String, Object> rMap = EntityMaps.resource(r);
      List<EnvironmentSpec> envs = new ArrayList<>();
      for (Map.Entry<EnvironmentSpec, Selector> e : envSelectors.entrySet()) {
        if (matches(e.getKey(), e.getValue(), Map.of("resource", rMap, "environment", EntityMaps.environment(e.getKey())),
            r, failures)) {
          envs.add(e.getKey());
        }
      }
      if (envs.isEmpty()) {
        continue;
      }
      for (Map.Entry<DeploymentSpec, Selector> d : depSelectors.entrySet()) {
        DeploymentSpec dep = d.getKey();
        if (!matches(dep, d.getValue(), Map.of("resource", rMap, "deployment", EntityMaps.deployment(dep)), r, failures)) {
          continue;
        }
        Set<String> systems = new HashSet<>(dep.systems());
        for (EnvironmentSpec env : envs) {
          if (env.systems().stream().anyMatch(systems::contains)) {
            targets.add(new TargetKey(dep.name(), env.name(), r.identifier()));
          }
        }
      }
    }
    return new Result(targets, failures);
  }

  private static Selector compile(Declared owner, String text, CelExpressions cel, List<Failure> failures) {
    try {
      return Selector.compile(text, cel);
    } catch (ExprException e) {
      failures.add(new Failure(owner, text, null, "does not compile: " + e.getMessage()));
      return null;
    }
  }

  private static boolean matches(Declared owner, Selector s, Map<String, Object> vars, ResourceSpec r,
      List<Failure> failures) {
    try {
      return s.matches(vars);
    } catch (ExprException e) {
      failures.add(new Failure(owner, s.text(), r.identifier(), e.getMessage()));
      return false;
    }
  }
}
