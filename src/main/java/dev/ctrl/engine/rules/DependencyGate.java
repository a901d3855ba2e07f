package dev.ctrl.engine.rules;

import dev.ctrl.engine.EntityMaps;
import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.Version;
import dev.ctrl.model.rules.DeploymentDependencyRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream deployment's target on the same resource (in this environment, else in any) must
 * run a version that succeeded and matches the selector.
 */
public final class DependencyGate {
  private DependencyGate() {}

  public static RuleResult evaluate(DeploymentDependencyRule rule, RuleInput in) {
    List<TargetFact> onResource = in.index().targetsOnResource(rule.deployment(), in.target().key().resource());
    List<TargetFact> here = new java.util.ArrayList<>(1);
    for (TargetFact t : onResource) {
      if (t.key().environment().equals(in.environment())) {
        here.add(t);
      }
    }
    List<TargetFact> upstream = here.isEmpty() ? onResource : here;
    if (upstream.isEmpty()) {
      return RuleResult.denied("deploymentDependency",
          rule.deployment() + " has no target on resource " + in.target().key().resource());
    }
    String seen = null;
    for (TargetFact t : upstream) {
      Version running = in.index().current(t.id());
      if (running == null) {
        continue;
      }
      if (matches(rule, running, in)) {
        return RuleResult.allowed("deploymentDependency", rule.deployment() + " runs " + running.tag() + " on "
            + t.key().resource(), null);
      }
      seen = running.tag();
    }
    if (seen == null) {
      return RuleResult.denied("deploymentDependency", rule.deployment() + " runs no successful version on "
          + in.target().key().resource());
    }
    return RuleResult.denied("deploymentDependency", rule.deployment() + " runs " + seen
        + ", which does not match \"" + rule.versionSelector() + "\"");
  }

  private static boolean matches(DeploymentDependencyRule rule, Version upstream, RuleInput in) {
    if (rule.versionSelector() == null) {
      return true;
    }
    Map<String, Object> vars = new HashMap<>(in.variables());
    vars.put("version", EntityMaps.version(upstream));
    try {
      return Selector.compile(rule.versionSelector(), in.cel()).matches(vars);
    } catch (ExprException e) {
      return false;
    }
  }
}
