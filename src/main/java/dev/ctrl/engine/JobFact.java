package dev.ctrl.engine;

import java.time.Instant;

/**
 * A job as the engine sees it. verification is passed, failed, running or null (none).
 * completedAt is null while the job is in flight.
 */
public record JobFact(
    String id,
    long targetId,
    long versionId,
    long releaseId,
    String kind,
    String status,
    Instant createdAt,
    Instant completedAt,
    String verification,
    Instant verifiedAt) {

  public boolean inFlight() {
    return status.equals("pending") || status.equals("in_progress") || status.equals("action_required");
  }

  public boolean successful() {
    return status.equals("successful");
  }

  /** Succeeded and its verification passed or there was none: the release is good. */
  public boolean good() {
    return successful() && (verification == null || verification.equals("passed"));
  }

  /** When the job counts as a success for progression: after its verification, if any. */
  public Instant successAt() {
    return verification == null ? completedAt : verifiedAt;
  }
}
