package dev.ctrl.model.rules;

import java.time.Duration;
import java.time.ZoneId;

/** allow=true admits deployments only inside an occurrence; allow=false only outside. */
public record DeploymentWindowRule(String rrule, Duration duration, ZoneId timezone, boolean allow)
    implements PolicyRule {
  @Override
  public String typeName() {
    return "deploymentWindow";
  }
}
