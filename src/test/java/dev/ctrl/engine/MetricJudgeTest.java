package dev.ctrl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.engine.Measurement.Kind;
import dev.ctrl.engine.MetricJudge.Outcome;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.metrics.MetricSpec.OnNoData;
import dev.ctrl.model.metrics.SleepConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricJudgeTest {
  static MetricSpec metric(int count, Integer successThreshold, int failureThreshold, int errorLimit, OnNoData noData) {
    return new MetricSpec("m", new SleepConfig(Duration.ofSeconds(1)), Duration.ofMinutes(1), count, "result.ok", null,
        successThreshold, failureThreshold, errorLimit, noData, null);
  }

  static List<Measurement> of(Kind... kinds) {
    List<Measurement> out = new ArrayList<>();
    for (int i = 0; i < kinds.length; i++) {
      out.add(new Measurement("m", kinds[i], Instant.EPOCH.plusSeconds(60L * i), kinds[i] == Kind.FAILED ? "0.07 >= 0.01" : null));
    }
    return out;
  }

  @Test
  void passesAfterCountJudgedMeasurementsWithinTheThreshold() {
    MetricSpec m = metric(3, null, 1, 4, OnNoData.WAIT);
    assertThat(MetricJudge.judge(m, of(Kind.PASSED, Kind.FAILED)).outcome()).isEqualTo(Outcome.RUNNING);
    MetricJudge.State s = MetricJudge.judge(m, of(Kind.PASSED, Kind.FAILED, Kind.PASSED));
    assertThat(s.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(s.reason()).isEqualTo("3 of 3 measurements judged, 1 failed");
  }

  @Test
  void failsAsSoonAsFailuresExceedTheThreshold() {
    MetricJudge.State s = MetricJudge.judge(metric(5, null, 0, 4, OnNoData.WAIT), of(Kind.PASSED, Kind.FAILED));
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.reason()).isEqualTo("1 failed measurement (threshold 0): 0.07 >= 0.01");
  }

  @Test
  void successThresholdPassesEarlyOnConsecutivePasses() {
    MetricSpec m = metric(10, 2, 3, 4, OnNoData.WAIT);
    assertThat(MetricJudge.judge(m, of(Kind.PASSED, Kind.INCONCLUSIVE, Kind.PASSED)).outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(MetricJudge.judge(m, of(Kind.PASSED, Kind.INCONCLUSIVE, Kind.PASSED, Kind.PASSED)).outcome())
        .isEqualTo(Outcome.PASSED);
  }

  @Test
  void errorsAreNotFailuresUntilTheFifthInARow() {
    MetricSpec m = metric(3, null, 0, 4, OnNoData.WAIT);
    assertThat(MetricJudge.judge(m, of(Kind.ERROR, Kind.ERROR, Kind.ERROR, Kind.ERROR)).outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(MetricJudge.judge(m, of(Kind.ERROR, Kind.ERROR, Kind.PASSED, Kind.ERROR, Kind.ERROR, Kind.ERROR, Kind.ERROR))
        .outcome()).isEqualTo(Outcome.RUNNING);
    MetricJudge.State s = MetricJudge.judge(m, of(Kind.ERROR, Kind.ERROR, Kind.ERROR, Kind.ERROR, Kind.ERROR));
    assertThat(s.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.reason()).startsWith("5 errors in a row (limit 4)");
  }

  @Test
  void noDataFollowsOnNoDataAndWaitingDoesNotCountTowardCount() {
    List<Measurement> twoEmpty = of(Kind.NO_DATA, Kind.NO_DATA);
    assertThat(MetricJudge.judge(metric(2, null, 0, 4, OnNoData.WAIT), twoEmpty).outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(MetricJudge.judge(metric(2, null, 0, 4, OnNoData.WAIT), twoEmpty).judged()).isZero();
    assertThat(MetricJudge.judge(metric(2, null, 0, 4, OnNoData.PASS), twoEmpty).outcome()).isEqualTo(Outcome.PASSED);
    assertThat(MetricJudge.judge(metric(2, null, 0, 4, OnNoData.FAIL), twoEmpty).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(MetricJudge.judge(metric(2, null, 0, 4, OnNoData.INCONCLUSIVE), twoEmpty).outcome())
        .isEqualTo(Outcome.PASSED);
  }

  @Test
  void waitingForDataIsNeitherJudgedNorAnErrorAndSaysSo() {
    MetricSpec m = metric(2, null, 0, 1, OnNoData.WAIT);
    // no data between errors breaks the run of errors: the store answered
    MetricJudge.State s = MetricJudge.judge(m, of(Kind.ERROR, Kind.NO_DATA, Kind.ERROR, Kind.PASSED, Kind.NO_DATA,
        Kind.NO_DATA));
    assertThat(s.outcome()).isEqualTo(Outcome.RUNNING);
    assertThat(s.judged()).isEqualTo(1);
    assertThat(s.reason()).isEqualTo("1 of 2 measurements judged, waiting for data (2 measurements without)");
    // data arriving later completes the count
    assertThat(MetricJudge.judge(m, of(Kind.NO_DATA, Kind.NO_DATA, Kind.NO_DATA, Kind.PASSED, Kind.PASSED)).outcome())
        .isEqualTo(Outcome.PASSED);
    // onNoData: fail fails on the first empty answer, with the reason
    MetricJudge.State failed = MetricJudge.judge(metric(3, null, 0, 4, OnNoData.FAIL),
        List.of(new Measurement("m", Kind.NO_DATA, Instant.EPOCH, "only 2 samples (minSamples 5)")));
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.reason()).isEqualTo("1 failed measurement (threshold 0): only 2 samples (minSamples 5)");
  }

  @Test
  void aVerificationPassesWhenAllMetricsPassAndFailsOnAnyFailure() {
    MetricJudge.State pass = new MetricJudge.State(Outcome.PASSED, 3, 0, "");
    MetricJudge.State run = new MetricJudge.State(Outcome.RUNNING, 1, 0, "");
    MetricJudge.State fail = new MetricJudge.State(Outcome.FAILED, 1, 1, "");
    assertThat(MetricJudge.verification(List.of(pass, pass))).isEqualTo(Outcome.PASSED);
    assertThat(MetricJudge.verification(List.of(pass, run))).isEqualTo(Outcome.RUNNING);
    assertThat(MetricJudge.verification(List.of(run, fail))).isEqualTo(Outcome.FAILED);
  }
}
