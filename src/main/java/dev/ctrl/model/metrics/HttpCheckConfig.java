package dev.ctrl.model.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

public record HttpCheckConfig(
    String url, String method, Map<String, String> headers, String body, Duration timeout, List<Integer> expectedStatus)
    implements MetricProviderConfig {
  public HttpCheckConfig {
    headers = Map.copyOf(headers);
    expectedStatus = List.copyOf(expectedStatus);
  }

  @Override
  public String typeName() {
    return "http";
  }
}
