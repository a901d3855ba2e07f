package dev.ctrl.store;

import dev.ctrl.model.TargetKey;
import java.time.Instant;

/**
 * A release target as stored, with the facts `get targets` shows. currentVersion is the version
 * of the latest successful job (null until one exists); desiredVersion as last recorded by a
 * rollout loop (null until then).
 */
public record TargetRow(
    long id,
    TargetKey key,
    String resourceName,
    String currentVersion,
    String desiredVersion,
    LatestJob latestJob,
    String verification,
    Instant createdAt) {
  /** The most recent job of a target. */
  public record LatestJob(String id, String status, String kind) {}
}
