package dev.ctrl.cli;

import static dev.ctrl.cli.JobsFixtureState.B;
import static dev.ctrl.cli.JobsFixtureState.C;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.JobFixture;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.JobStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeJobCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 25; i++) {
      log.append("line ").append(i).append('\n');
    }
    TestFiles.write(dir, ".ctrl/jobs/" + B + "/output.log", log.toString());
  }

  @Test
  void everythingAboutAJobByAShortId() {
    String out = cli.ok("describe", "job", "bbbb").out();
    assertThat(out).startsWith("""
        Job:              bbbb2222-0000-4000-8000-000000000002
        Target:           api/staging/k8s/staging
        Version:          v2
        Kind:             deploy (attempt 1)
        Status:           successful
        Message:          exited with status 0
        Agent:            local (external id bbbb2222-0000-4000-8000-000000000002)
        Release:          2 (no variables)
        Created:          30m ago (2026-11-27T09:30:00Z)
        Started:          29m ago (2026-11-27T09:31:00Z)
        Completed:        29m ago (2026-11-27T09:31:00Z)
        Links:            -
        Verification:     running 1/3
          healthy: 2 measurements
            WHEN      VERDICT   ERROR
            28m ago   passed    -
            27m ago   error     connection refused

        Output (last 20 lines; all of it: ctrl logs bbbb2222-0000-4000-8000-000000000002):
          line 6
        """).endsWith("  line 25\n").doesNotContain("line 5\n");
  }

  @Test
  void linksAndNoOutput() {
    String out = cli.ok("describe", "job", C).out();
    assertThat(out).contains("Links:            run  https://ci.example/runs/7\n")
        .contains("Completed:        8m ago (2026-11-27T09:52:00Z)\n")
        .endsWith("Verification:     -\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonIsTheJobOfGetJobsWithReleaseAndLogTail() {
    Map<String, Object> job = JsonText.parseObject(cli.ok("describe", "job", B, "-o", "json").out());
    Map<String, Object> listed = ((java.util.List<Map<String, Object>>) JsonText.parse(
        cli.ok("get", "jobs", "--target", JobsFixtureState.STAGING, "--limit", "1", "-o", "json").out())).get(0);
    assertThat(job).containsAllEntriesOf(listed);
    assertThat(job.keySet()).endsWith("release", "log");
    assertThat(job.get("release")).isEqualTo(Map.of("id", 2L, "variables", Map.of(), "createdAt", "2026-11-27T09:30:00Z"));
    assertThat((String) job.get("log")).startsWith("line 6\n").endsWith("line 25\n");
    assertThat(JsonText.parseObject(cli.ok("describe", "job", C, "-o", "json").out())).containsEntry("log", null);
  }

  @Test
  void unknownShortAndAmbiguousIdsAreUsageErrors() {
    try (JobFixture f = new JobFixture(dir)) {
      f.job("bbbb2222-ffff", JobsFixtureState.PROD, "v2", JobStatus.PENDING, Instant.parse("2026-11-27T09:55:00Z"), null);
    }
    CliRunner.Result ambiguous = cli.run("describe", "job", "bbbb");
    assertThat(ambiguous.exitCode()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("error: \"bbbb\" matches several jobs: " + B + ", bbbb2222-ffff")
        .contains("hint: give more of the id");
    assertThat(cli.ok("describe", "job", "bbbb2222-f").out()).contains("Job:              bbbb2222-ffff\n");
    CliRunner.Result unknown = cli.run("describe", "job", "dddd");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("error: no job \"dddd\"").contains("ctrl get jobs");
    CliRunner.Result tooShort = cli.run("describe", "job", "bbb");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.err()).contains("at least 4 characters");
  }
}
