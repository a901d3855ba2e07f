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
}
