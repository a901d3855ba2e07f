package dev.ctrl.store;

import java.time.Instant;

/**
 * A job as stored. dispatching is true from the moment the row is committed until the agent's
 * external reference is: such a job is recovered with the agent's find(jobId), never dispatched
 * again.
 */
public record JobRecord(
    String id,
    long releaseId,
    long targetId,
    String targetKey,
    String deployment,
    String tag,
    String agent,
    String kind,
    String status,
    boolean dispatching,
    String externalId,
    String message,
    int attempt,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt) {}
