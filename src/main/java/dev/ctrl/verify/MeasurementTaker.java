package dev.ctrl.verify;

import dev.ctrl.engine.Measurement;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Scope;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.metrics.MetricSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes one measurement and judges it (DOMAIN.md section 7): failed when failureCondition is
 * true, passed when successCondition is true, otherwise inconclusive when a failureCondition
 * exists, else failed. Provider errors are error measurements; no data (an empty answer, or fewer
 * samples than the metric's minSamples) is a no-data measurement, which onNoData judges later.
 */
public final class MeasurementTaker {
  /** A judged measurement and the result it was judged on (kept for `describe`). */
  public record Taken(Measurement measurement, String resultJson) {}

  private final CelExpressions cel;

  public MeasurementTaker(CelExpressions cel) {
    this.cel = cel;
  }

  public Taken take(MetricSpec metric, MetricProvider provider, Map<String, Object> context, Instant at) {
    MetricProvider.Result result;
    try {
      result = provider.measure();
    } catch (ProviderException e) {
      return new Taken(new Measurement(metric.name(), Measurement.Kind.ERROR, at, e.getMessage()), "{}");
    }
    String json = JsonText.canonical(result.values());
    if (result.empty()) {
      return new Taken(new Measurement(metric.name(), Measurement.Kind.NO_DATA, at, "no data"), json);
    }
    // too few samples in the window is not yet a signal: judged as no data (onNoData decides)
    if (metric.minSamples() != null && result.samples() >= 0 && result.samples() < metric.minSamples()) {
      return new Taken(new Measurement(metric.name(), Measurement.Kind.NO_DATA, at, "only " + result.samples()
          + " sample" + (result.samples() == 1 ? "" : "s") + " (minSamples " + metric.minSamples() + ")"), json);
    }
    Map<String, Object> vars = new HashMap<>(context);
    vars.put("result", result.values());
    try {
      if (metric.failureCondition() != null && holds(metric.failureCondition(), vars)) {
        return new Taken(new Measurement(metric.name(), Measurement.Kind.FAILED, at,
            "failureCondition " + metric.failureCondition() + " is true"), json);
      }
      if (metric.successCondition() != null && holds(metric.successCondition(), vars)) {
        return new Taken(new Measurement(metric.name(), Measurement.Kind.PASSED, at, null), json);
      }
    } catch (ExprException e) {
      return new Taken(new Measurement(metric.name(), Measurement.Kind.ERROR, at, "condition failed: " + e.getMessage()),
          json);
    }
    return metric.failureCondition() != null
        ? new Taken(new Measurement(metric.name(), Measurement.Kind.INCONCLUSIVE, at, "neither condition is true"), json)
        : new Taken(new Measurement(metric.name(), Measurement.Kind.FAILED, at,
            "successCondition " + metric.successCondition() + " is false"), json);
  }

  private boolean holds(String condition, Map<String, Object> vars) throws ExprException {
    return cel.compile(condition, Scope.CONDITION).matches(vars);
  }
}
