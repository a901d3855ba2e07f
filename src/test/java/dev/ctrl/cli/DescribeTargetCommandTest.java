package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeTargetCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
  }

  @Test
  void recentJobsAndTheLatestVerificationsMeasurements() {
    String out = cli.ok("describe", "target", JobsFixtureState.STAGING).out();
    assertThat(out).isEqualTo("""
        Target:           api/staging/k8s/staging
        Deployment:       api
        Environment:      staging
        Resource:         k8s/staging (staging)
        Kind:             KubernetesCluster
        Metadata:         env=staging
        Current version:  v2
        Desired version:  -
        Latest job:       deploy successful (bbbb2222-0000-4000-8000-000000000002)
        Verification:     running
        Since:            0s ago

        Recent jobs:
          ID         VERSION   KIND     STATUS       AGE       VERIFICATION   MESSAGE
          bbbb2222   v2        deploy   successful   30m ago   running 1/3    exited with status 0
          aaaa1111   v1        deploy   successful   2h ago    passed         exited with status 0

        Latest verification (job bbbb2222, v2): running 1/3
          healthy: 2 measurements
            WHEN      VERDICT   ERROR
            28m ago   passed    -
            27m ago   error     connection refused
        """);
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonListsTheRecentJobsAsGetJobsDoes() {
    Map<String, Object> target = JsonText.parseObject(
        cli.ok("describe", "target", JobsFixtureState.STAGING, "-o", "json").out());
    List<Map<String, Object>> recent = (List<Map<String, Object>>) target.get("recentJobs");
    assertThat(recent).isEqualTo(JsonText.parse(
        cli.ok("get", "jobs", "--target", JobsFixtureState.STAGING, "--limit", "5", "-o", "json").out()));
    assertThat(recent).extracting(j -> j.get("id")).containsExactly(JobsFixtureState.B, JobsFixtureState.A);
  }

  @Test
  void aTargetWithoutJobsSaysSo() {
    cli.ok("apply", "-f", "base.yaml");
    String out = cli.ok("describe", "target", "api/production/k8s/prod-eu").out();
    assertThat(out).contains("Recent jobs:").doesNotContain("Latest verification");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasTheResourceAsDeclaredWithoutItsType() {
    Map<String, Object> target = JsonText.parseObject(
        cli.ok("describe", "target", JobsFixtureState.STAGING, "-o", "json").out());
    assertThat((Map<String, Object>) target.get("resourceSpec")).containsEntry("kind", "KubernetesCluster")
        .containsEntry("metadata", Map.of("env", "staging")).doesNotContainKey("type");
  }

  @Test
  void anUnknownOrMalformedKeyIsAUsageErrorThatSaysWhereToFindTheKeys() {
    CliRunner.Result unknown = cli.run("describe", "target", "api/staging/k8s/nope");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no release target api/staging/k8s/nope").contains("ctrl get targets");
    CliRunner.Result malformed = cli.run("describe", "target", "api/staging");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("\"api/staging\" is not a target key").contains("ctrl get targets");
  }
}
