package dev.ctrl.model.metrics;

import java.time.Duration;

public record SleepConfig(Duration duration) implements MetricProviderConfig {
  @Override
  public String typeName() {
    return "sleep";
  }
}
