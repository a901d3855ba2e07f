package dev.ctrl.model.metrics;

import java.time.Duration;
import java.util.List;

public record ExecCheckConfig(List<String> command, Duration timeout) implements MetricProviderConfig {
  public ExecCheckConfig {
    command = List.copyOf(command);
  }

  @Override
  public String typeName() {
    return "exec";
  }
}
