package dev.ctrl.engine.rules;

import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.Times;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.rules.EnvironmentProgressionRule;
import dev.ctrl.engine.EntityMaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The version must have succeeded in a dependency environment first: enough of this deployment's
 * targets there, soaked long enough, not too long ago. Any one passing environment is enough.
 */
public final class ProgressionGate {
  private ProgressionGate() {}

  public static RuleResult evaluate(EnvironmentProgressionRule rule, RuleInput in) {
    EnvironmentSpec self = in.index().environment(in.environment());
    Set<String> systems = new HashSet<>(self.systems());
    List<EnvironmentSpec> deps = new ArrayList<>();
    for (EnvironmentSpec e : in.index().environments()) {
      if (e.name().equals(self.name()) || e.systems().stream().noneMatch(systems::contains)) {
        continue;
      }
      try {
        if (Selector.compile(rule.dependsOn(), in.cel()).matches(Map.of("environment", EntityMaps.environment(e)))) {
          deps.add(e);
        }
      } catch (ExprException ex) {
        return RuleResult.denied("environmentProgression", "dependsOn \"" + rule.dependsOn() + "\" fails: " + ex.getMessage());
      }
    }
    if (deps.isEmpty()) {
      return RuleResult.denied("environmentProgression",
          "no environment sharing a system with " + self.name() + " matches dependsOn \"" + rule.dependsOn() + "\"");
    }
    RuleResult best = null;
    for (EnvironmentSpec dep : deps) {
      RuleResult r = one(rule, in, dep.name());
      if (r.allows()) {
        if (best == null || !best.allows() || r.satisfiedAt().isBefore(best.satisfiedAt())) {
          best = r;
        }
      } else if (best == null || !best.allows() && rank(r) < rank(best)) {
        best = r;
      }
    }
    return best;
  }

  /** Prefer reporting the obstacle that resolves soonest: a timed wait, then a wait, then a denial. */
  private static int rank(RuleResult r) {
    return r.nextEvaluation() != null ? 0 : r.verdict() == dev.ctrl.engine.Verdict.PENDING ? 1 : 2;
  }

  private static RuleResult one(EnvironmentProgressionRule rule, RuleInput in, String env) {
    int total = in.index().targets(in.deployment(), env).size();
    String tag = in.version().tag();
    String blocked = in.index().blockReason(in.version(), env);
    if (blocked != null) { // DOMAIN.md section 8: progression past a blocked environment cannot pass
      return RuleResult.denied("environmentProgression", blocked);
    }
    if (total == 0) {
      return RuleResult.allowed("environmentProgression", env + " has no targets of " + in.deployment(),
          in.version().createdAt());
    }
    List<Instant> successes = in.index().successes(in.deployment(), env, in.version().id(), rule.requireVerification());
    double pct = 100.0 * successes.size() / total;
    int needed = (int) Math.ceil(rule.minimumSuccessPercentage() * total / 100.0 - 1e-9);
    String what = successes.size() + "/" + total + " targets of " + env + " succeeded with " + tag;
    if (successes.isEmpty() || successes.size() < Math.max(needed, 1) && pct < rule.minimumSuccessPercentage()) {
      return RuleResult.waiting("environmentProgression",
          what + " (need " + fmt(rule.minimumSuccessPercentage()) + "%)", null);
    }
    Instant reached = successes.get(Math.max(needed, 1) - 1);
    Instant last = successes.get(successes.size() - 1);
    if (rule.maximumAge() != null && in.now().isAfter(last.plus(rule.maximumAge()))) {
      return RuleResult.denied("environmentProgression", "the last success of " + tag + " in " + env
          + " is older than " + dev.ctrl.model.Durations.format(rule.maximumAge()));
    }
    Instant satisfied = reached.plus(rule.minimumSoakTime());
    if (in.now().isBefore(satisfied)) {
      return RuleResult.waiting("environmentProgression", "soaking in " + env + " until " + Times.at(satisfied), satisfied);
    }
    return RuleResult.allowed("environmentProgression", what, satisfied);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
