package dev.ctrl.store;

import java.time.Instant;

/** One row of the audit log; detail is its canonical JSON. */
public record EventRow(long seq, Instant at, String actor, String kind, String subject, String detail) {}
