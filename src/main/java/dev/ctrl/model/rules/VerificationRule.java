package dev.ctrl.model.rules;

import dev.ctrl.model.metrics.MetricSpec;
import java.util.List;

public record VerificationRule(List<MetricSpec> metrics, String triggerOn, OnFailure onFailure)
    implements PolicyRule {
  public VerificationRule {
    metrics = List.copyOf(metrics);
  }

  public enum OnFailure {
    ROLLBACK,
    HALT
  }

  @Override
  public String typeName() {
    return "verification";
  }
}
