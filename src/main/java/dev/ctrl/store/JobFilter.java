package dev.ctrl.store;

import java.util.Set;

/**
 * Which jobs {@link StoreReader#jobs(JobFilter)} returns, newest first: each non-null field
 * narrows the list (statuses: empty for all), and at most `limit` come back.
 */
public record JobFilter(String deployment, String environment, String targetKey, Set<String> statuses, int limit) {
  public JobFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }

  /** The newest `limit` jobs of one target. */
  public static JobFilter ofTarget(String targetKey, int limit) {
    return new JobFilter(null, null, targetKey, Set.of(), limit);
  }
}
