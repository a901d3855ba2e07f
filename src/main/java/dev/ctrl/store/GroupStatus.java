package dev.ctrl.store;

import java.time.Instant;
import java.util.List;

/**
 * What one deployment looks like in one environment, aggregated over its active targets (for
 * `ctrl status`). versions: how many targets run each version (tag null: no successful job
 * yet). rollingOut: some target's latest job is in flight or its verification is running.
 * failed: some target's latest job failed, or its verification did. blocked: the version some
 * target runs, or the deployment's newest version, is blocked there (or rejected).
 */
public record GroupStatus(
    String deployment,
    String environment,
    List<VersionCount> versions,
    boolean rollingOut,
    boolean failed,
    boolean blocked) {

  /** Targets on one version; createdAt is the version's (null with tag). */
  public record VersionCount(String tag, Instant createdAt, int targets) {}

  public int targets() {
    return versions.stream().mapToInt(VersionCount::targets).sum();
  }
}
