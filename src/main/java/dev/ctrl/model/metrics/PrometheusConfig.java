package dev.ctrl.model.metrics;

import java.time.Duration;
import java.util.Map;

/** rangeWindow/rangeStep are null for instant queries; auth fields are secret references or null. */
public record PrometheusConfig(
    String address,
    String query,
    Duration rangeWindow,
    Duration rangeStep,
    Duration timeout,
    Map<String, String> headers,
    String bearerToken,
    String basicAuthUsername,
    String basicAuthPassword)
    implements MetricProviderConfig {
  public PrometheusConfig {
    headers = Map.copyOf(headers);
  }

  @Override
  public String typeName() {
    return "prometheus";
  }
}
