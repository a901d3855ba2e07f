package dev.ctrl.verify.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ctrl verify test`: one real measurement of a declared metric, with a target's templates, judged and shown. */
@SuppressWarnings("unchecked")
class VerifyTestCommandTest {
  static final String TOKEN = "prom-proxy-token-s3cr3t";
  static final String EU = "sum(rate(app_errors_total{resource=\"eu\",version=\"v2\"}[5m]))";
  static final String US = "sum(rate(app_errors_total{resource=\"us\",version=\"v2\"}[5m]))";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakePrometheus fake = new FakePrometheus();
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    server.setDispatcher(fake);
    fake.requiredAuthorization = "Bearer " + TOKEN;
    cli = new CliRunner(dir).env("PROM_TOKEN", TOKEN);
    cli.ok("init");
    TestFiles.write(dir, "fleet.yaml", TestFiles.shop("api", "local") + """
        type: JobAgent
        name: local
        exec: {command: ["true"]}
        ---
        type: Resource
        identifier: us
        name: us
        kind: Server
        version: v1
        ---
        type: Resource
        identifier: eu
        name: eu
        kind: Server
        version: v1
        """);
    TestFiles.write(dir, "health.yaml", """
        type: Policy
        name: health
        selector: environment.name == "production"
        rules:
          - verification:
              metrics:
                - name: error-rate
                  prometheus:
                    address: %s
                    query: 'sum(rate(app_errors_total{resource="{{ resource.name }}",version="{{ version.tag }}"}[5m]))'
                    bearerToken: ${env:PROM_TOKEN}
                  successCondition: result.value < 0.05
                  interval: 30s
                  count: 3
                - name: smoke
                  sleep: {duration: 1s}
        """.formatted(server.url("/")));
    cli.ok("apply", "-f", "fleet.yaml");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v2");
  }

  @Test
  void measuresTheFirstTargetThePolicyAppliesToAndShowsTheRawAnswerTheResultAndTheVerdict() {
    fake.answer(EU, "vector", "[{\"metric\":{},\"value\":[1795773600,\"0.01\"]}]");
    CliRunner.Result r = cli.run("verify", "test", "health.yaml", "--metric", "error-rate");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // the policy file need not be applied; the first target by key, templated with the newest version
    assertThat(r.out()).contains("metric error-rate (prometheus, policy health) on api/production/eu at version v2")
        .contains("raw response:\n  {\"status\":\"success\"")
        .contains("\"value\": 0.01")
        .contains("verdict: passed")
        .contains("in a rollout: counts as passed")
        .doesNotContain(TOKEN);
    assertThat(fake.seen).singleElement().satisfies(s -> {
      assertThat(s.params()).containsEntry("query", EU);
      assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN);
    });
  }

  @Test
  void anotherTargetThatFailsExitsOneAndJsonCarriesTheVerdict() {
    fake.answer(US, "vector", "[{\"metric\":{},\"value\":[1795773600,\"0.2\"]}]");
    CliRunner.Result r = cli.run("verify", "test", "health.yaml", "--metric", "error-rate", "--target",
        "api/production/us", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    Map<String, Object> json = JsonText.parseObject(r.out());
    assertThat(json).containsEntry("target", "api/production/us").containsEntry("verdict", "failed")
        .containsEntry("passed", false).containsEntry("message", "successCondition result.value < 0.05 is false");
    assertThat((Map<String, Object>) json.get("result")).containsEntry("value", 0.2);
  }

  @Test
  void noDataShowsNaNAndWhatOnNoDataWouldDo() {
    CliRunner.Result r = cli.run("verify", "test", "health.yaml", "--metric", "error-rate", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    Map<String, Object> json = JsonText.parseObject(r.out());
    assertThat(json).containsEntry("verdict", "no-data")
        .containsEntry("counts", "no data, onNoData: wait: not judged; measured again after 30s");
    assertThat((Map<String, Object>) json.get("result")).containsEntry("value", "NaN").containsEntry("empty", true);
  }

  @Test
  void anUnreachableStoreIsAnErrorNotAFailure() {
    fake.fault("/api/v1/query", FakePrometheus.error(503, "unavailable", "TSDB not ready"));
    CliRunner.Result r = cli.run("verify", "test", "health.yaml", "--metric", "error-rate");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("verdict: error: Prometheus: GET http://").contains("HTTP 503: TSDB not ready")
        .contains("an error, not a failure: the metric fails after more than 4 errors in a row");
  }

  @Test
  void aMissingSecretIsAnErrorNamingTheReference() {
    CliRunner.Result r = new CliRunner(dir).run("verify", "test", "health.yaml", "--metric", "error-rate");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("verdict: error").contains("PROM_TOKEN");
    assertThat(fake.seen).isEmpty();
  }

  @Test
  void usageErrorsNameWhatIsWrong() {
    CliRunner.Result unknown = cli.run("verify", "test", "health.yaml", "--metric", "latency");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no verification metric named latency in health.yaml")
        .contains("error-rate, smoke");
    CliRunner.Result target = cli.run("verify", "test", "health.yaml", "--metric", "error-rate", "--target",
        "api/staging/eu");
    assertThat(target.exitCode()).isEqualTo(2);
    assertThat(target.err()).contains("no release target api/staging/eu");
    assertThat(cli.run("verify", "test", "health.yaml").exitCode()).isEqualTo(2);
  }

  @Test
  void minSamplesWithoutAWindowIsAnApplyError() {
    TestFiles.write(dir, "thin.yaml", """
        type: Policy
        name: thin
        selector: "true"
        rules:
          - verification:
              metrics:
                - name: error-rate
                  prometheus: {address: "http://prometheus:9090", query: "up"}
                  successCondition: result.value == 1
                  minSamples: 3
        """);
    CliRunner.Result r = cli.run("apply", "-f", "thin.yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("minSamples").contains("needs a prometheus query with `range` or a datadog query");
  }
}
