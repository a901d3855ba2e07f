package dev.ctrl.cli;

import static dev.ctrl.cli.JobsFixtureState.A;
import static dev.ctrl.cli.JobsFixtureState.B;
import static dev.ctrl.cli.JobsFixtureState.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetJobsCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> json(String... args) {
    return (List<Map<String, Object>>) JsonText.parse(cli.ok(args).out());
  }

  @Test
  void tableNewestFirstWithVerificationProgress() {
    assertThat(cli.ok("get", "jobs").out().lines()).containsExactly(
        "ID         TARGET                       VERSION   KIND     STATUS       ATTEMPT   AGE       VERIFICATION   MESSAGE",
        "cccc3333   api/production/k8s/prod-eu   v1        deploy   failure      1         10m ago   -              exited with status 1: boom",
        "bbbb2222   api/staging/k8s/staging      v2        deploy   successful   1         30m ago   running 1/3    exited with status 0",
        "aaaa1111   api/staging/k8s/staging      v1        deploy   successful   1         2h ago    passed         exited with status 0");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasStableFieldsLinksAndMeasurementsPerMetric() {
    List<Map<String, Object>> jobs = json("get", "jobs", "-o", "json");
    assertThat(jobs).extracting(j -> j.get("id")).containsExactly(C, B, A);
    assertThat(jobs.get(0).keySet()).containsExactly("id", "target", "deployment", "environment", "resource", "version",
        "kind", "status", "attempt", "agent", "externalId", "message", "links", "createdAt", "startedAt", "completedAt",
        "verification");
    assertThat(jobs.get(0)).containsEntry("links", Map.of("run", "https://ci.example/runs/7"))
        .containsEntry("startedAt", "2026-11-27T09:51:00Z").containsEntry("completedAt", "2026-11-27T09:52:00Z")
        .containsEntry("verification", null).containsEntry("environment", "production");
    Map<String, Object> running = (Map<String, Object>) jobs.get(1).get("verification");
    assertThat(running).containsEntry("status", "running");
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) running.get("metrics");
    assertThat(metrics).singleElement().satisfies(m -> {
      assertThat(m).containsEntry("name", "healthy");
      assertThat(JsonText.compact(m.get("measurements"))).isEqualTo(
          "[{\"verdict\":\"passed\",\"at\":\"2026-11-27T09:32:00Z\",\"error\":null},"
              + "{\"verdict\":\"error\",\"at\":\"2026-11-27T09:33:00Z\",\"error\":\"connection refused\"}]");
    });
    assertThat(cli.ok("get", "jobs", "-o", "yaml").out()).contains("verdict: error");
  }

  @Test
  void filtersNarrowAndLimitKeepsTheNewest() {
    assertThat(json("get", "jobs", "--environment", "staging", "-o", "json")).extracting(j -> j.get("id"))
        .containsExactly(B, A);
    assertThat(json("get", "jobs", "--target", JobsFixtureState.PROD, "-o", "json")).extracting(j -> j.get("id"))
        .containsExactly(C);
    assertThat(json("get", "jobs", "--status", "failure", "--status", "pending", "-o", "json"))
        .extracting(j -> j.get("id")).containsExactly(C);
    assertThat(json("get", "jobs", "--deployment", "api", "--limit", "2", "-o", "json")).extracting(j -> j.get("id"))
        .containsExactly(C, B);
    assertThat(json("get", "jobs", "--deployment", "web", "-o", "json")).isEmpty();
    CliRunner.Result none = cli.ok("get", "jobs", "--deployment", "web");
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).isEqualTo("No jobs match.\n");
  }

  @Test
  void badInputIsAUsageError() {
    CliRunner.Result status = cli.run("get", "jobs", "--status", "failed");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).contains("unknown job status \"failed\" (use one of pending, in_progress,")
        .contains("external_run_not_found)");
    assertThat(cli.run("get", "jobs", "--target", "api").exitCode()).isEqualTo(2);
    assertThat(cli.run("get", "jobs", "--limit", "0").exitCode()).isEqualTo(2);
  }
}
