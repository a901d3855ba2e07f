package dev.ctrl.model.rules;

import java.time.Duration;

/** maximumAge is null when not set. */
public record EnvironmentProgressionRule(
    String dependsOn,
    double minimumSuccessPercentage,
    Duration minimumSoakTime,
    Duration maximumAge,
    boolean requireVerification)
    implements PolicyRule {
  @Override
  public String typeName() {
    return "environmentProgression";
  }
}
