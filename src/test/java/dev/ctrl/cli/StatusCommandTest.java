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

class StatusCommandTest {
  static final String PROD_US = "api/production/k8s/prod-us";
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
    TestFiles.write(dir, "more.yaml", """
        type: Resource
        identifier: k8s/prod-us
        name: prod-us
        kind: KubernetesCluster
        version: v1
        metadata: {env: prod, region: us}
        ---
        type: Deployment
        name: web
        systems: [shop]
        resourceSelector: resource.kind == "Bucket"
        agent: local
        """);
    cli.ok("apply", "-f", "more.yaml");
    try (JobFixture f = new JobFixture(dir)) {
      f.job("dddd4444", PROD_US, "v1", JobStatus.SUCCESSFUL, Instant.parse("2026-11-27T09:40:00Z"), null);
    }
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> json(String... args) {
    return (List<Map<String, Object>>) JsonText.parse(cli.ok(args).out());
  }

  @Test
  void aCellShowsTheCommonVersionHowManyRunItAndWhatIsGoingOn() {
    // staging: v2's verification runs; production: prod-us runs v1, prod-eu's v1 job failed
    assertThat(cli.ok("status").out().lines()).containsExactly(
        "DEPLOYMENT   production      staging",
        "api          v1 1/2 failed   v2 1/1 rolling out",
        "web          -               -");
    assertThat(json("status", "-o", "json")).extracting(m -> m.get("deployment") + " " + m.get("environment") + " "
        + m.get("version") + " " + m.get("onVersion") + "/" + m.get("targets") + " " + m.get("state")).containsExactly(
        "api production v1 1/2 failed", "api staging v2 1/1 rolling-out",
        "web production null 0/0 empty", "web staging null 0/0 empty");
    assertThat(json("status", "-o", "json").get(0).keySet())
        .containsExactly("deployment", "environment", "version", "targets", "onVersion", "state");
  }

  @Test
  void convergedUntilTheNextVersionIsBlocked() {
    try (JobFixture f = new JobFixture(dir)) {
      long run = f.store.verifications(List.of(JobsFixtureState.B)).get(0).id();
      f.finish(run, JobsFixtureState.B, Instant.parse("2026-11-27T09:45:00Z"), "passed", "ok");
      f.job("eeee5555", JobsFixtureState.PROD, "v1", JobStatus.SUCCESSFUL, Instant.parse("2026-11-27T09:55:00Z"), null);
    }
    assertThat(cli.ok("status", "--deployment", "api").out().lines()).containsExactly(
        "DEPLOYMENT   production   staging",
        "api          v1 2/2       v2 1/1");
    try (JobFixture f = new JobFixture(dir)) {
      f.write(Instant.parse("2026-11-27T09:58:00Z"), tx ->
          tx.blockVersion(tx.version("api", "v2").orElseThrow(), "production", "verification failed", false));
    }
    assertThat(json("status", "--deployment", "api", "-o", "json")).extracting(m -> m.get("state"))
        .containsExactly("blocked", "converged");
    cli.ok("version", "set-status", "--deployment", "api", "--tag", "v2", "--status", "rejected");
    assertThat(json("status", "--deployment", "api", "-o", "json")).extracting(m -> m.get("state"))
        .containsExactly("blocked", "blocked");
  }

  @Test
  void onlyTheDeploymentsAskedForAndUnknownOnesAreUsageErrors() {
    assertThat(json("status", "--deployment", "web", "-o", "json")).extracting(m -> m.get("deployment"))
        .containsOnly("web");
    CliRunner.Result r = cli.run("status", "--deployment", "apii");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("deployment \"apii\" does not exist");
  }
}
