package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionCommandTest {
  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = TestFiles.withBase(dir);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> onlyVersion() {
    List<?> list = (List<?>) JsonText.parse(cli.ok("get", "versions", "-o", "json").out());
    assertThat(list).hasSize(1);
    return (Map<String, Object>) list.get(0);
  }

  @Test
  void createIsIdempotentAndKeepsCreatedAt() {
    assertThat(cli.ok("version", "create", "--deployment", "api", "--tag", "v1.0.0").out())
        .isEqualTo("version api/v1.0.0 created\n");
    assertThat(cli.at(Instant.parse("2026-11-27T11:00:00Z"))
        .ok("version", "create", "--deployment", "api", "--tag", "v1.0.0").out()).isEqualTo("version api/v1.0.0 unchanged\n");
    assertThat(cli.ok("version", "create", "--deployment", "api", "--tag", "v1.0.0", "--message", "fix").out())
        .isEqualTo("version api/v1.0.0 updated\n");
    Map<String, Object> v = onlyVersion();
    assertThat(v).containsEntry("deployment", "api").containsEntry("tag", "v1.0.0").containsEntry("name", "v1.0.0")
        .containsEntry("status", "ready").containsEntry("message", "fix")
        .containsEntry("createdAt", "2026-11-27T10:00:00Z").containsEntry("updatedAt", "2026-11-27T11:00:00Z");
  }

  @Test
  void flagsFillMetadataConfigAndLinks() {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v2", "--name", "Release 2", "--status", "building",
        "--metadata", "git.sha=3f2a", "--config", "image.tag=v2", "--config", "image.repo=api",
        "--link", "build=https://ci/981");
    Map<String, Object> v = onlyVersion();
    assertThat(v).containsEntry("name", "Release 2").containsEntry("status", "building");
    assertThat(v.get("metadata")).isEqualTo(Map.of("git.sha", "3f2a", "ctrl/links", Map.of("build", "https://ci/981")));
    assertThat(v.get("config")).isEqualTo(Map.of("image", Map.of("tag", "v2", "repo", "api")));
  }

  @Test
  void unknownDeploymentListsTheKnownOnesAndExits2() {
    CliRunner.Result r = cli.run("version", "create", "--deployment", "apii", "--tag", "v1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: deployment \"apii\" does not exist (did you mean \"api\"?) (known: api)\n");
    assertThat(cli.ok("get", "versions", "-o", "json").out().trim()).isEqualTo("[]");
  }

  @Test
  void unknownStatusIsAUsageError() {
    CliRunner.Result r = cli.run("version", "create", "--deployment", "api", "--tag", "v1", "--status", "done");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown status \"done\" (use one of building, ready, failed, rejected, paused)");
  }

  @Test
  void setStatusChangesOnlyTheStatus() {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(cli.ok("version", "set-status", "--deployment", "api", "--tag", "v1", "--status", "paused").out())
        .isEqualTo("version api/v1 is paused\n");
    assertThat(onlyVersion()).containsEntry("status", "paused");
    CliRunner.Result missing = cli.run("version", "set-status", "--deployment", "api", "--tag", "v9", "--status", "ready");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("deployment \"api\" has no version \"v9\" (newest: v1)");
  }

  @Test
  void listingsAreNewestFirstAndTablesAligned() {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.at(Instant.parse("2026-11-27T10:05:00Z")).ok("version", "create", "--deployment", "api", "--tag", "v2-long-tag");
    String table = cli.at(Instant.parse("2026-11-27T10:10:00Z")).ok("version", "list").out();
    assertThat(table.lines()).containsExactly(
        "DEPLOYMENT   TAG           STATUS   CREATED   MESSAGE",
        "api          v2-long-tag   ready    5m ago    -",
        "api          v1            ready    10m ago   -");
  }

  @Test
  void yamlOutputIsAvailable() {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(cli.ok("get", "versions", "-o", "yaml").out()).contains("- deployment: api").contains("  tag: v1");
  }
}
