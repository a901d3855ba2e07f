package dev.ctrl.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.engine.Measurement.Kind;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.metrics.MetricSpec.OnNoData;
import dev.ctrl.model.metrics.SleepConfig;
import dev.ctrl.verify.exec.ExecProvider;
import dev.ctrl.verify.http.HttpProvider;
import dev.ctrl.verify.sleep.SleepProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  final MeasurementTaker taker = new MeasurementTaker(new CelExpressions());
  final OkHttpClient client = new OkHttpClient();

  static MetricSpec metric(String success, String failure) {
    return new MetricSpec("health", new SleepConfig(Duration.ZERO), Duration.ofMinutes(1), 3, success, failure, null, 0,
        4, OnNoData.WAIT, null);
  }

  Kind judge(MetricSpec m, MetricProvider p) {
    return taker.take(m, p, Map.of(), Instant.EPOCH).measurement().kind();
  }

  @Test
  void conditionsDecidePassedFailedAndInconclusive() {
    MetricProvider value = () -> MetricProvider.Result.of(Map.of("value", 0.02));
    assertThat(judge(metric("result.value < 0.01", null), value)).isEqualTo(Kind.FAILED);
    assertThat(judge(metric("result.value < 0.05", null), value)).isEqualTo(Kind.PASSED);
    assertThat(judge(metric("result.value < 0.01", "result.value > 0.05"), value)).isEqualTo(Kind.INCONCLUSIVE);
    assertThat(judge(metric("result.value < 0.05", "result.value > 0.01"), value)).isEqualTo(Kind.FAILED);
    assertThat(judge(metric("result.ok", null), () -> MetricProvider.Result.noData(Map.of()))).isEqualTo(Kind.NO_DATA);
    assertThat(judge(metric("result.ok", null), () -> {
      throw new ProviderException("prometheus: 503 Service Unavailable");
    })).isEqualTo(Kind.ERROR);
  }

  @Test
  void execReportsExitCodeOutputAndNumbers() throws Exception {
    ExecProvider p = new ExecProvider(List.of("sh", "-c", "echo 0.004"), Map.of(), dir, Duration.ofSeconds(10));
    MetricProvider.Result r = p.measure();
    assertThat(r.values()).containsEntry("exitCode", 0L).containsEntry("value", 0.004);
    assertThat(judge(metric("result.exitCode == 0 && result.value < 0.01", null), p)).isEqualTo(Kind.PASSED);
    ExecProvider json = new ExecProvider(List.of("sh", "-c", "echo '{\"healthy\": false}'; exit 1"), Map.of(), dir,
        Duration.ofSeconds(10));
    assertThat(judge(metric("result.exitCode == 0", null), json)).isEqualTo(Kind.FAILED);
    assertThat(judge(metric("result.json.healthy", null), json)).isEqualTo(Kind.FAILED);
    ExecProvider missing = new ExecProvider(List.of("./no-such-check"), Map.of(), dir, Duration.ofSeconds(10));
    assertThat(judge(metric("result.exitCode == 0", null), missing)).isEqualTo(Kind.ERROR);
    ExecProvider slow = new ExecProvider(List.of("sleep", "30"), Map.of(), dir, Duration.ofMillis(300));
    assertThat(taker.take(metric("result.exitCode == 0", null), slow, Map.of(), Instant.EPOCH).measurement().message())
        .isEqualTo("sleep did not finish within 300ms");
  }

  @Test
  void httpJudgesAnswersAndTreatsConnectionFailuresAsErrors() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"UP\"}").build());
    server.enqueue(new MockResponse.Builder().code(503).body("<html>bad gateway</html>").build());
    String url = server.url("/health?token=s3cr3t").toString();
    HttpProvider p = new HttpProvider(client, url, "GET", Map.of("Authorization", "Bearer x"), null,
        Duration.ofSeconds(5), List.of());
    MetricProvider.Result up = p.measure();
    assertThat(up.values()).containsEntry("statusCode", 200L).containsEntry("ok", true)
        .containsEntry("json", Map.of("status", "UP"));
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer x");
    assertThat(judge(metric("result.ok", null), p)).isEqualTo(Kind.FAILED); // the 503
    server.close();
    var refused = taker.take(metric("result.ok", null), p, Map.of(), Instant.EPOCH).measurement();
    assertThat(refused.kind()).isEqualTo(Kind.ERROR);
    assertThat(refused.message()).startsWith("GET http://").doesNotContain("s3cr3t");
  }

  @Test
  void expectedStatusDecidesOk() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).build());
    HttpProvider p = new HttpProvider(client, server.url("/gone").toString(), "GET", Map.of(), null,
        Duration.ofSeconds(5), List.of(404));
    assertThat(p.measure().values()).containsEntry("ok", true);
  }

  @Test
  void sleepPassesAfterThePauseWithoutReallyWaitingInTests() throws Exception {
    List<Duration> slept = new ArrayList<>();
    SleepProvider p = new SleepProvider(Duration.ofMinutes(5), slept::add);
    assertThat(judge(metric("result.ok", null), p)).isEqualTo(Kind.PASSED);
    assertThat(slept).containsExactly(Duration.ofMinutes(5));
  }
}
