package dev.ctrl.model.metrics;

/** The provider of one metric, as declared (secrets are `${env:}`/`${file:}` references). */
public sealed interface MetricProviderConfig
    permits PrometheusConfig, DatadogConfig, HttpCheckConfig, ExecCheckConfig, SleepConfig {
  String typeName();
}
