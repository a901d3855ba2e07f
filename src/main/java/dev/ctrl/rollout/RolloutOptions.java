package dev.ctrl.rollout;

import java.time.Duration;
import java.util.List;

/**
 * What one `ctrl rollout` run covers and how long it may take (DOMAIN.md section 9). Empty
 * deployment / environment lists mean all. manualOnly: the loop only carries out rollbacks (and
 * the redeploy of redeployTarget, when set) and waits for them; it starts no other deployment
 * (`ctrl rollback`, `ctrl redeploy`).
 */
public record RolloutOptions(
    List<String> deployments,
    List<String> environments,
    boolean once,
    boolean watch,
    Duration timeout,
    Duration waitForLock,
    int maxParallel,
    boolean manualOnly,
    String redeployTarget) {
  public RolloutOptions(List<String> deployments, List<String> environments, boolean once, boolean watch,
      Duration timeout, Duration waitForLock, int maxParallel) {
    this(deployments, environments, once, watch, timeout, waitForLock, maxParallel, false, null);
  }

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
