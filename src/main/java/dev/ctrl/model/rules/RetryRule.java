package dev.ctrl.model.rules;

import java.time.Duration;
import java.util.List;

/** maxBackoff is null when uncapped. onStatuses are job status wire names. */
public record RetryRule(
    int maxRetries, Duration backoff, Strategy strategy, Duration maxBackoff, List<String> onStatuses)
    implements PolicyRule {
  public RetryRule {
    onStatuses = List.copyOf(onStatuses);
  }

  public enum Strategy {
    LINEAR,
    EXPONENTIAL
  }

  public static final List<String> DEFAULT_ON_STATUSES = List.of("failure", "invalid_job_agent", "invalid_integration");
  public static final List<String> RETRYABLE_STATUSES =
      List.of("failure", "invalid_job_agent", "invalid_integration", "external_run_not_found", "cancelled");

  @Override
  public String typeName() {
    return "retry";
  }
}
