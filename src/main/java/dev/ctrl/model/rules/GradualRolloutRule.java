package dev.ctrl.model.rules;

import java.time.Duration;

/** order is a CEL string expression or null (stable hash); maxConcurrent is null when unbounded. */
public record GradualRolloutRule(
    Duration interval, RolloutType rolloutType, String order, Integer maxConcurrent, boolean waitForVerification)
    implements PolicyRule {
  public enum RolloutType {
    LINEAR("linear"),
    LINEAR_NORMALIZED("linear-normalized");

    private final String wire;

    RolloutType(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  @Override
  public String typeName() {
    return "gradualRollout";
  }
}
