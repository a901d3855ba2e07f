package dev.ctrl.model.metrics;

import java.time.Duration;

/**
 * One verification metric. successThreshold and minSamples are null when not set; the conditions
 * are CEL over `result` (and the job context).
 */
public record MetricSpec(
    String name,
    MetricProviderConfig provider,
    Duration interval,
    int count,
    String successCondition,
    String failureCondition,
    Integer successThreshold,
    int failureThreshold,
    int consecutiveErrorLimit,
    OnNoData onNoData,
    Integer minSamples) {

  public enum OnNoData {
    WAIT,
    INCONCLUSIVE,
    FAIL,
    PASS
  }
}
