package dev.ctrl.engine;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.Version;
import java.time.Instant;
import java.util.Map;

/**
 * What a rule sees when it judges one version for one target.
 *
 * @param current the target's current version, or null
 * @param inFlight the target's in-flight job, or null
 * @param variables the CEL maps: deployment, environment, resource, version
 * @param rolloutStart for gradual rollouts: the latest satisfiedAt of the approval and progression
 *     rules that apply, or null when none applies
 */
public record RuleInput(
    StateIndex index,
    EngineCaches caches,
    TargetFact target,
    Version version,
    Version current,
    JobFact inFlight,
    Instant now,
    Map<String, Object> variables,
    CelExpressions cel,
    Instant rolloutStart) {

  public String deployment() {
    return target.key().deployment();
  }

  public String environment() {
    return target.key().environment();
  }

  /** A target's first deployment: no job of it ever succeeded, so it has no current version. */
  public boolean firstDeployment() {
    return current == null;
  }

  /** Times.at, formatted once per instant per decide() (many targets share rollout slots). */
  public String at(Instant instant) {
    return caches.memo(new FormattedAt(instant), k -> Times.at(instant));
  }

  private record FormattedAt(Instant instant) {}
}
