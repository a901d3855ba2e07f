package dev.ctrl.agent;

/**
 * An agent could not talk to its system. `retryable` is true for outages (5xx, timeouts, rate
 * limits): the loop tries again later; false for configuration errors (401, 404, bad config),
 * which end the job as invalid_integration or invalid_job_agent. Messages never hold secrets.
 */
public final class AgentException extends Exception {
  private final boolean retryable;

  public AgentException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public AgentException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }
}
