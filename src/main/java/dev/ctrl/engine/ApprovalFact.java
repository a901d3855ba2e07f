package dev.ctrl.engine;

import java.time.Instant;

/** One approver's latest decision on a version in an environment. */
public record ApprovalFact(long versionId, String environment, String approver, boolean approved, String reason, Instant at) {}
