package dev.ctrl.http;

import java.time.Instant;

/**
 * A call that did not get a usable answer. status is the HTTP status, or 0 when no answer came
 * (connection refused, timeout). retryable: an outage or a rate limit, worth asking again later;
 * not retryable: the request itself is wrong (401, 404, 422...). maybePerformed: a call that is
 * not idempotent may have been carried out although no answer came (a timeout, a 5xx), so the
 * caller must look before it asks again. retryAt: when a rate limit lifts, if known. The message
 * never holds a secret: the client redacts every value it was told is one.
 */
public final class ApiException extends Exception {
  private final int status;
  private final boolean retryable;
  private final boolean maybePerformed;
  private final Instant retryAt;
  private final String body;

  public ApiException(String message, int status, boolean retryable, boolean maybePerformed, Instant retryAt,
      String body) {
    super(message);
    this.status = status;
    this.retryable = retryable;
    this.maybePerformed = maybePerformed;
    this.retryAt = retryAt;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public boolean retryable() {
    return retryable;
  }

  public boolean maybePerformed() {
    return maybePerformed;
  }

  /** When a rate limit lifts, or null. */
  public Instant retryAt() {
    return retryAt;
  }

  /** The vendor's answer (redacted), or "" when none came; for callers that read error details. */
  public String body() {
    return body;
  }

  public boolean rateLimited() {
    return retryAt != null;
  }
}
