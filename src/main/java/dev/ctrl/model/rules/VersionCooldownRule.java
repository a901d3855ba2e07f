package dev.ctrl.model.rules;

import java.time.Duration;

public record VersionCooldownRule(Duration duration) implements PolicyRule {
  @Override
  public String typeName() {
    return "versionCooldown";
  }
}
