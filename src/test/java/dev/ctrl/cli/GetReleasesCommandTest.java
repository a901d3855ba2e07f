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

class GetReleasesCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = JobsFixtureState.create(dir);
  }

  @Test
  void tableNewestFirstWithTheLatestJob() {
    assertThat(cli.ok("get", "releases").out().lines()).containsExactly(
        "ID   TARGET                       VERSION   CREATED   LATEST JOB",
        "3    api/production/k8s/prod-eu   v1        10m ago   deploy failure",
        "2    api/staging/k8s/staging      v2        30m ago   deploy successful",
        "1    api/staging/k8s/staging      v1        2h ago    deploy successful");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonFieldsAndFilters() {
    List<Map<String, Object>> all = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("get", "releases", "--environment", "staging", "-o", "json").out());
    assertThat(all).hasSize(2);
    assertThat(all.get(0).keySet()).containsExactly("id", "target", "deployment", "environment", "resource", "version",
        "variables", "createdAt", "latestJob");
    assertThat(all.get(0)).containsEntry("version", "v2").containsEntry("variables", Map.of())
        .containsEntry("createdAt", "2026-11-27T09:30:00Z")
        .containsEntry("latestJob", Map.of("id", JobsFixtureState.B, "status", "successful", "kind", "deploy"));
    assertThat((List<?>) JsonText.parse(cli.ok("get", "releases", "--target", JobsFixtureState.PROD, "-o", "json").out()))
        .hasSize(1);
    assertThat((List<?>) JsonText.parse(cli.ok("get", "releases", "--deployment", "web", "-o", "json").out())).isEmpty();
    assertThat(cli.run("get", "releases", "--target", "nope").exitCode()).isEqualTo(2);
  }
}
