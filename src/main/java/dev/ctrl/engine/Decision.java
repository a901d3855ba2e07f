package dev.ctrl.engine;

import dev.ctrl.model.TargetKey;
import java.time.Instant;
import java.util.List;

/**
 * The engine's output for one target. versions lists the candidates considered, newest first,
 * until the chosen one; jobGates are the job gates and blocks that decided the action.
 */
public record Decision(
    TargetKey key,
    String currentVersion,
    String desiredVersion,
    Action action,
    Instant nextEvaluation,
    List<VersionEvaluation> versions,
    List<RuleResult> jobGates) {

  /** The first rule that keeps this target from its next change, or null. */
  public RuleResult firstObstacle() {
    for (RuleResult r : jobGates) {
      if (!r.allows()) {
        return r;
      }
    }
    for (VersionEvaluation v : versions) {
      for (RuleResult r : v.rules()) {
        if (!r.allows()) {
          return r;
        }
      }
    }
    return null;
  }
}
