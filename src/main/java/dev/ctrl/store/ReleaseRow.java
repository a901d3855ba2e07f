package dev.ctrl.store;

import dev.ctrl.model.TargetKey;
import java.time.Instant;

/**
 * A release as stored: one version with its variables (canonical JSON) for one target, and the
 * most recent of its jobs (null when it has none).
 */
public record ReleaseRow(
    long id, TargetKey target, String tag, String variablesJson, Instant createdAt, TargetRow.LatestJob latestJob) {}
