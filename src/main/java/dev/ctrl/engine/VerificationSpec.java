package dev.ctrl.engine;

import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.rules.PolicyRule;
import dev.ctrl.model.rules.VerificationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The verification a target's deploy jobs get: the metrics of every verification rule that
 * applies, merged (apply refuses two metrics with one name), and the strictest onFailure
 * (rollback over halt). Null when no verification rule applies.
 */
public record VerificationSpec(List<MetricSpec> metrics, boolean halt) {
  public VerificationSpec {
    metrics = List.copyOf(metrics);
  }

  public static VerificationSpec of(List<Policies.Applied> applied) {
    List<MetricSpec> metrics = new ArrayList<>();
    boolean any = false;
    boolean rollback = false;
    for (Policies.Applied a : applied) {
      for (PolicyRule r : a.policy().rules()) {
        if (r instanceof VerificationRule v) {
          any = true;
          rollback |= v.onFailure() == VerificationRule.OnFailure.ROLLBACK;
          for (MetricSpec m : v.metrics()) {
            if (metrics.stream().noneMatch(x -> x.name().equals(m.name()))) {
              metrics.add(m);
            }
          }
        }
      }
    }
    return any && !metrics.isEmpty() ? new VerificationSpec(metrics, !rollback) : null;
  }

  public MetricSpec metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
  }
}
