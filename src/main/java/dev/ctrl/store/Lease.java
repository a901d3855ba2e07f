package dev.ctrl.store;

import java.time.Instant;

/** Who holds a lease (host, pid, start) and until when. */
public record Lease(String name, String holder, Instant acquiredAt, Instant expiresAt) {}
