package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.JobFixture;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.JobStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = TestFiles.withBase(dir);
    cli.at(Instant.parse("2026-11-27T12:00:00Z")).env("CTRL_USER", "ci-bot")
        .ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.env("CTRL_USER", "alice").ok("approve", "--deployment", "api", "--tag", "v1", "--environment", "production");
  }

  @Test
  void newestFirstWithActorsAndAShortDetail() {
    String table = cli.at(Instant.parse("2026-11-27T12:30:00Z")).ok("history", "--limit", "3").out();
    assertThat(table.lines()).containsExactly(
        "WHEN      ACTOR    EVENT              SUBJECT                          DETAIL",
        "30m ago   alice    version.approved   version/api/v1                   {\"approver\":\"alice\",\"environment\":\"production\"}",
        "30m ago   ci-bot   version.created    version/api/v1                   {\"config\":{},\"metadata\":{},\"status\":\"ready\"}",
        "2h ago    tester   target.added       target/api/staging/k8s/staging   -");
  }

  @Test
  @SuppressWarnings("unchecked")
  void filtersByDeploymentTargetAndTime() {
    List<Map<String, Object>> api = (List<Map<String, Object>>) JsonText.parse(
        cli.at(Instant.parse("2026-11-27T12:30:00Z")).ok("history", "--deployment", "api", "-o", "json").out());
    assertThat(api).extracting(m -> m.get("subject")).containsExactly("version/api/v1", "version/api/v1",
        "target/api/staging/k8s/staging", "target/api/production/k8s/prod-eu", "deployment/api");
    assertThat(api.get(0)).containsEntry("actor", "alice").containsEntry("kind", "version.approved")
        .containsEntry("at", "2026-11-27T12:00:00Z");
    List<?> recent = (List<?>) JsonText.parse(cli.at(Instant.parse("2026-11-27T12:30:00Z"))
        .ok("history", "--since", "1h", "-o", "json").out());
    assertThat(recent).hasSize(2);
    List<?> target = (List<?>) JsonText.parse(cli.ok("history", "--target", "api/staging/k8s/staging", "-o", "json").out());
    assertThat(target).hasSize(1);
    assertThat(cli.run("history", "--since", "yesterday").exitCode()).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTargetsAndADeploymentsHistoryIncludeTheirJobs() {
    try (JobFixture f = new JobFixture(dir)) {
      f.job("job-staging", "api/staging/k8s/staging", "v1", JobStatus.SUCCESSFUL, Instant.parse("2026-11-27T12:10:00Z"),
          "ok");
      long run = f.verify("job-staging", Instant.parse("2026-11-27T12:12:00Z"), "healthy");
      f.measure(run, "job-staging", Instant.parse("2026-11-27T12:13:00Z"), "healthy", "passed", null);
      f.job("job-prod", "api/production/k8s/prod-eu", "v1", JobStatus.FAILURE, Instant.parse("2026-11-27T12:20:00Z"),
          "boom");
    }
    List<Map<String, Object>> staging = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("history", "--target", "api/staging/k8s/staging", "-o", "json").out());
    assertThat(staging).extracting(m -> m.get("kind") + " " + m.get("subject")).containsExactly(
        "verification.measured job/job-staging", "verification.started job/job-staging",
        "job.successful job/job-staging", "job.dispatched job/job-staging", "job.created job/job-staging",
        "target.added target/api/staging/k8s/staging");
    List<Map<String, Object>> api = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("history", "--deployment", "api", "--limit", "4", "-o", "json").out());
    assertThat(api).extracting(m -> m.get("subject")).containsExactly("job/job-prod", "job/job-prod", "job/job-prod",
        "job/job-staging");
    assertThat((List<?>) JsonText.parse(cli.ok("history", "--deployment", "web", "-o", "json").out())).isEmpty();
  }
}
