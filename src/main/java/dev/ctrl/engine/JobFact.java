package dev.ctrl.engine;

import java.time.Instant;

/**
 * A job as the engine sees it. verification is passed, failed, running or null (none).
 * Times are epoch milliseconds, {@link #NONE} when absent (completedAtMs while the job is in
 * flight): `ctrl plan` holds every job of the fleet, and three Instant objects per job were a
 * fifth of its heap and of what the collector copied while loading.
 */
public record JobFact(
    String id,
    long targetId,
    long versionId,
    long releaseId,
    String kind,
    String status,
    long createdAtMs,
    long completedAtMs,
    String verification,
    long verifiedAtMs) {

  /** An absent time. */
  public static final long NONE = Long.MIN_VALUE;

  public JobFact(String id, long targetId, long versionId, long releaseId, String kind, String status,
      Instant createdAt, Instant completedAt, String verification, Instant verifiedAt) {
    this(id, targetId, versionId, releaseId, kind, status, createdAt.toEpochMilli(), millis(completedAt),
        verification, millis(verifiedAt));
  }

  private static long millis(Instant at) {
    return at == null ? NONE : at.toEpochMilli();
  }

  private static Instant instant(long ms) {
    return ms == NONE ? null : Instant.ofEpochMilli(ms);
  }

  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAtMs);
  }

  /** Null while the job is in flight. */
  public Instant completedAt() {
    return instant(completedAtMs);
  }

  public Instant verifiedAt() {
    return instant(verifiedAtMs);
  }

  public boolean inFlight() {
    return dev.ctrl.model.JobStatus.NOT_TERMINAL.contains(status);
  }

  public boolean successful() {
    return status.equals("successful");
  }

  /** Succeeded and its verification passed or there was none: the release is good. */
  public boolean good() {
    return successful() && (verification == null || verification.equals("passed"));
  }

  /** When the job counts as a success for progression: after its verification, if any (NONE: not yet). */
  public long successAtMs() {
    return verification == null ? completedAtMs : verifiedAtMs;
  }

  public Instant successAt() {
    return instant(successAtMs());
  }
}
