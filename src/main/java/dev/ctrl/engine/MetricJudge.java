package dev.ctrl.engine;

import dev.ctrl.model.metrics.MetricSpec;
import java.util.List;

/**
 * Judges a verification metric from its measurements so far (DOMAIN.md section 7), purely.
 *
 * <ul>
 *   <li>A measurement is failed when failureCondition is true, passed when successCondition is
 *       true, else inconclusive when a failureCondition exists, else failed (decided by the
 *       provider runner; this class counts them).
 *   <li>A provider error is an error measurement, not a failure: the metric fails only when
 *       consecutive errors exceed consecutiveErrorLimit (the 5th in a row by default).
 *   <li>No data follows onNoData: wait (not judged, not counted), inconclusive, fail or pass.
 *   <li>The metric fails as soon as failures exceed failureThreshold; it passes once consecutive
 *       passes reach successThreshold, or after `count` judged measurements with failures within
 *       the threshold. Only judged measurements count toward `count`.
 * </ul>
 */
public final class MetricJudge {
  /** The metric's state after its measurements, and why. */
  public record State(Outcome outcome, int judged, int failures, String reason) {}

  public enum Outcome {
    RUNNING,
    PASSED,
    FAILED
  }

  private MetricJudge() {}

  public static State judge(MetricSpec metric, List<Measurement> measurements) {
    int judged = 0;
    int failures = 0;
    int consecutivePasses = 0;
    int consecutiveErrors = 0;
    int waitingForData = 0;
    for (Measurement m : measurements) {
      Measurement.Kind kind = m.kind() == Measurement.Kind.NO_DATA ? noData(metric) : m.kind();
      if (kind == null) {
        // onNoData: wait. The store answered (so this ends a run of errors), but with nothing to judge.
        consecutiveErrors = 0;
        waitingForData++;
        continue;
      }
      waitingForData = 0;
      if (kind == Measurement.Kind.ERROR) {
        consecutiveErrors++;
        if (consecutiveErrors > metric.consecutiveErrorLimit()) {
          return new State(Outcome.FAILED, judged, failures, consecutiveErrors + " errors in a row (limit "
              + metric.consecutiveErrorLimit() + ")" + (m.message() == null ? "" : ": " + m.message()));
        }
        continue;
      }
      consecutiveErrors = 0;
      judged++;
      switch (kind) {
        case PASSED -> consecutivePasses++;
        case FAILED -> {
          failures++;
          consecutivePasses = 0;
        }
        default -> consecutivePasses = 0; // inconclusive
      }
      if (failures > metric.failureThreshold()) {
        return new State(Outcome.FAILED, judged, failures, failures + " failed measurement"
            + (failures == 1 ? "" : "s") + " (threshold " + metric.failureThreshold() + ")"
            + (m.message() == null ? "" : ": " + m.message()));
      }
      if (metric.successThreshold() != null && consecutivePasses >= metric.successThreshold()) {
        return new State(Outcome.PASSED, judged, failures, consecutivePasses + " passes in a row");
      }
      if (judged >= metric.count()) {
        return new State(Outcome.PASSED, judged, failures, judged + " of " + metric.count() + " measurements judged, "
            + failures + " failed");
      }
    }
    return new State(Outcome.RUNNING, judged, failures, judged + " of " + metric.count() + " measurements judged"
        + (waitingForData == 0 ? "" : ", waiting for data (" + waitingForData + " measurement"
            + (waitingForData == 1 ? "" : "s") + " without)"));
  }

  /** What a no-data measurement counts as; null means wait (it is not judged). */
  private static Measurement.Kind noData(MetricSpec metric) {
    return switch (metric.onNoData()) {
      case WAIT -> null;
      case INCONCLUSIVE -> Measurement.Kind.INCONCLUSIVE;
      case FAIL -> Measurement.Kind.FAILED;
      case PASS -> Measurement.Kind.PASSED;
    };
  }

  /** A verification passes when every metric passes and fails as soon as one fails. */
  public static Outcome verification(List<State> metrics) {
    if (metrics.stream().anyMatch(s -> s.outcome() == Outcome.FAILED)) {
      return Outcome.FAILED;
    }
    return metrics.stream().allMatch(s -> s.outcome() == Outcome.PASSED) ? Outcome.PASSED : Outcome.RUNNING;
  }
}
