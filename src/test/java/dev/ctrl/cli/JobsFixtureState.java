package dev.ctrl.cli;

import dev.ctrl.CliRunner;
import dev.ctrl.JobFixture;
import dev.ctrl.TestFiles;
import dev.ctrl.model.JobStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A state with three jobs, as the tests of the read commands see it at 10:00: v1 deployed to
 * staging at 08:00 and verified; v2 deployed to staging at 09:30, its verification running (one
 * pass, one provider error, of 3 expected); v1 failed in production at 09:50 (with a link).
 */
final class JobsFixtureState {
  static final String A = "aaaa1111-0000-4000-8000-000000000001";
  static final String B = "bbbb2222-0000-4000-8000-000000000002";
  static final String C = "cccc3333-0000-4000-8000-000000000003";
  static final String STAGING = "api/staging/k8s/staging";
  static final String PROD = "api/production/k8s/prod-eu";
  static final String HEALTH_POLICY = """
      type: Policy
      name: health
      selector: "true"
      rules:
        - verification:
            metrics:
              - name: healthy
                count: 3
                exec: {command: ["true"]}
      """;

  private JobsFixtureState() {}

  static CliRunner create(Path dir) {
    CliRunner cli = TestFiles.withBase(dir);
    TestFiles.write(dir, "health.yaml", HEALTH_POLICY);
    cli.ok("apply", "-f", "health.yaml");
    cli.at(Instant.parse("2026-11-27T07:00:00Z")).ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.at(Instant.parse("2026-11-27T09:00:00Z")).ok("version", "create", "--deployment", "api", "--tag", "v2");
    cli.at(Instant.parse("2026-11-27T10:00:00Z"));
    try (JobFixture f = new JobFixture(dir)) {
      f.job(A, STAGING, "v1", JobStatus.SUCCESSFUL, Instant.parse("2026-11-27T08:00:00Z"), "exited with status 0");
      long a = f.verify(A, Instant.parse("2026-11-27T08:01:00Z"), "healthy");
      for (int i = 2; i <= 4; i++) {
        f.measure(a, A, Instant.parse("2026-11-27T08:0" + i + ":00Z"), "healthy", "passed", null);
      }
      f.finish(a, A, Instant.parse("2026-11-27T08:04:00Z"), "passed", "all metrics passed");
      f.job(B, STAGING, "v2", JobStatus.SUCCESSFUL, Instant.parse("2026-11-27T09:30:00Z"), "exited with status 0");
      long b = f.verify(B, Instant.parse("2026-11-27T09:31:00Z"), "healthy");
      f.measure(b, B, Instant.parse("2026-11-27T09:32:00Z"), "healthy", "passed", null);
      f.measure(b, B, Instant.parse("2026-11-27T09:33:00Z"), "healthy", "error", "connection refused");
      f.job(C, PROD, "v1", JobStatus.PENDING, Instant.parse("2026-11-27T09:50:00Z"), null);
      f.write(Instant.parse("2026-11-27T09:51:00Z"), tx -> tx.updateJob(C, JobStatus.IN_PROGRESS, "running",
          Map.of("run", "https://ci.example/runs/7")));
      f.write(Instant.parse("2026-11-27T09:52:00Z"), tx -> tx.updateJob(C, JobStatus.FAILURE,
          "exited with status 1: boom", Map.of()));
    }
    return cli;
  }
}
