package dev.ctrl.model.metrics;

import java.time.Duration;

public record DatadogConfig(String site, String query, Duration window, String apiKey, String appKey, String aggregator)
    implements MetricProviderConfig {
  @Override
  public String typeName() {
    return "datadog";
  }
}
