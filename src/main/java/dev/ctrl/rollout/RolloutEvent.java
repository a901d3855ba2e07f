package dev.ctrl.rollout;

import java.time.Instant;

/**
 * Something the loop did or saw, for the event-per-line output (CI logs, `-o json`). kind is one
 * of: lease.waiting, lease.acquired, job.created, job.dispatched, job.recovered, job.status,
 * verification.started, verification.measured, verification.passed, verification.failed,
 * version.blocked, rollback.started, target.blocked, rollout.waiting, rollout.done, rollout.stopped.
 * Fields that do not apply are null.
 */
public record RolloutEvent(
    Instant at, String kind, String target, String version, String jobId, String status, String message) {}
