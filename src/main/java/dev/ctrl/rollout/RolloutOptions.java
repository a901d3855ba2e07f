package dev.ctrl.rollout;

import java.time.Duration;
import java.util.List;

/**
 * What one `ctrl rollout` run covers and how long it may take (DOMAIN.md section 9). Empty
 * deployment / environment lists mean all. targetKey narrows to one target (redeploy).
 */
public record RolloutOptions(
    List<String> deployments,
    List<String> environments,
    boolean once,
    boolean watch,
    Duration timeout,
    Duration waitForLock,
    int maxParallel) {
  public RolloutOptions {
    deployments = List.copyOf(deployments);
    environments = List.copyOf(environments);
    if (maxParallel < 1) {
      throw new IllegalArgumentException("maxParallel must be at least 1");
    }
  }

  public static RolloutOptions defaults() {
    return new RolloutOptions(List.of(), List.of(), false, false, Duration.ofMinutes(30), Duration.ZERO, 8);
  }
}
