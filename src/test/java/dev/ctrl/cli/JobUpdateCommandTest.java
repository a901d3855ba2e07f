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

class JobUpdateCommandTest {
  static final String JOB = "0f3a9c2e-5d1b-4c7e-9a40-1b2c3d4e5f60";
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = TestFiles.withBase(dir);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    try (JobFixture f = new JobFixture(dir)) {
      f.job(JOB, "api/staging/k8s/staging", "v1", JobStatus.PENDING, Instant.parse("2026-11-27T09:00:00Z"), null);
    }
  }

  @Test
  void recordsStatusMessageAndLinksWithAnEvent() {
    CliRunner.Result r = cli.ok("job", "update", JOB, "--status", "in_progress", "--message", "deploying",
        "--link", "run=https://ci.example/runs/7", "--link", "logs=https://ci.example/runs/7/logs");
    assertThat(r.out()).isEqualTo("job " + JOB + " in_progress\n");
    Map<String, Object> job = JsonText.parseObject(
        cli.ok("job", "update", "0f3a", "--status", "successful", "-o", "json").out());
    assertThat(job).containsEntry("id", JOB).containsEntry("status", "successful").containsEntry("message", null)
        .containsEntry("links", Map.of("logs", "https://ci.example/runs/7/logs", "run", "https://ci.example/runs/7"))
        .containsEntry("startedAt", "2026-11-27T10:00:00Z").containsEntry("completedAt", "2026-11-27T10:00:00Z");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("history", "--target", "api/staging/k8s/staging", "--limit", "2", "-o", "json").out());
    assertThat(events).extracting(e -> e.get("kind") + " " + e.get("actor"))
        .containsExactly("job.successful tester", "job.in_progress tester");
  }

  @Test
  void aJobThatEndedKeepsItsStatus() {
    cli.ok("job", "update", JOB, "--status", "failure", "--message", "boom");
    CliRunner.Result again = cli.run("job", "update", JOB, "--status", "successful");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("error: job " + JOB + " already ended failure; terminal statuses never change\n");
    assertThat(cli.ok("get", "jobs").out()).contains("failure").doesNotContain("successful");
  }

  @Test
  void badInputIsAUsageErrorAndChangesNothing() {
    CliRunner.Result status = cli.run("job", "update", JOB, "--status", "done");
    assertThat(status.exitCode()).isEqualTo(2);
    assertThat(status.err()).contains("unknown job status \"done\" (use one of pending, in_progress, action_required, "
        + "successful, failure, cancelled, skipped, invalid_job_agent, invalid_integration, external_run_not_found)");
    assertThat(cli.run("job", "update", "nope-nope", "--status", "failure").exitCode()).isEqualTo(2);
    assertThat(cli.run("job", "update", JOB, "--status", "failure", "--link", "no-url").exitCode()).isEqualTo(2);
    assertThat(cli.run("job", "update", JOB).exitCode()).isEqualTo(2);
    assertThat(cli.run("job").exitCode()).isEqualTo(2);
    assertThat(cli.ok("get", "jobs").out()).contains("pending");
  }

  @Test
  void helpListsEveryStatus() {
    String help = cli.ok("job", "update", "--help").out().replaceAll("\\s+", " ");
    for (JobStatus s : JobStatus.values()) {
      assertThat(help).contains(s.wire());
    }
  }
}
