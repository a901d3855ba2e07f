package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state change appends an event, and the hash chain recomputes from the stored bytes. */
class EventLogTest {
  @TempDir Path dir;

  @Test
  void changesAreRecordedInAVerifiableChain() throws Exception {
    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    TestFiles.write(dir, "base.yaml", TestFiles.BASE);
    cli.ok("apply", "-f", "base.yaml");
    cli.ok("apply", "-f", "base.yaml"); // unchanged: no events
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    cli.ok("version", "set-status", "--deployment", "api", "--tag", "v1", "--status", "paused");

    List<String> kinds = new ArrayList<>();
    byte[] prev = EventLog.GENESIS;
    long expectedSeq = 1;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".ctrl/state.db"));
        ResultSet rs = c.createStatement().executeQuery(
            "select seq, at, actor, kind, subject, detail, prev_hash, entry_hash from events order by seq")) {
      while (rs.next()) {
        assertThat(rs.getLong("seq")).isEqualTo(expectedSeq++);
        assertThat(rs.getBytes("prev_hash")).isEqualTo(prev);
        byte[] recomputed = EventLog.hash(prev, rs.getLong("seq"), rs.getLong("at"), rs.getString("actor"),
            rs.getString("kind"), rs.getString("subject"), rs.getString("detail"));
        assertThat(rs.getBytes("entry_hash")).isEqualTo(recomputed);
        assertThat(rs.getString("actor")).isEqualTo("tester");
        prev = recomputed;
        kinds.add(rs.getString("kind") + " " + rs.getString("subject"));
      }
    }
    assertThat(kinds).containsExactly(
        "system.created system/shop", "agent.created agent/local", "environment.created environment/staging",
        "environment.created environment/production", "deployment.created deployment/api",
        "resource.created resource/k8s/staging", "resource.created resource/k8s/prod-eu",
        "target.added target/api/production/k8s/prod-eu", "target.added target/api/staging/k8s/staging",
        "version.created version/api/v1", "version.status version/api/v1");
  }

  @Test
  void aLargeApplyWritesAnUnbrokenChainAcrossBatches() throws Exception {
    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    StringBuilder yaml = new StringBuilder(TestFiles.BASE);
    for (int i = 0; i < 700; i++) {
      yaml.append("---\ntype: Resource\nidentifier: r").append(i)
          .append("\nname: r").append(i).append("\nkind: KubernetesCluster\nversion: v1\nmetadata: {env: prod}\n");
    }
    TestFiles.write(dir, "many.yaml", yaml.toString());
    cli.ok("apply", "-f", "many.yaml");
    byte[] prev = EventLog.GENESIS;
    long count = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(".ctrl/state.db"));
        ResultSet rs = c.createStatement().executeQuery(
            "select seq, at, actor, kind, subject, detail, prev_hash, entry_hash from events order by seq")) {
      while (rs.next()) {
        count++;
        assertThat(rs.getLong("seq")).isEqualTo(count);
        assertThat(rs.getBytes("prev_hash")).isEqualTo(prev);
        prev = EventLog.hash(prev, rs.getLong("seq"), rs.getLong("at"), rs.getString("actor"), rs.getString("kind"),
            rs.getString("subject"), rs.getString("detail"));
        assertThat(rs.getBytes("entry_hash")).isEqualTo(prev);
      }
    }
    assertThat(count).isGreaterThan(1400); // 707 objects and 701 targets
  }

  @Test
  void hashCoversEveryField() {
    byte[] base = EventLog.hash(EventLog.GENESIS, 1, 2, "a", "k", "s", "{}");
    assertThat(Arrays.equals(base, EventLog.hash(EventLog.GENESIS, 1, 2, "a", "k", "s", "{ }"))).isFalse();
    assertThat(Arrays.equals(base, EventLog.hash(EventLog.GENESIS, 1, 3, "a", "k", "s", "{}"))).isFalse();
    // length prefixes keep field boundaries: ("ab","c") differs from ("a","bc")
    assertThat(Arrays.equals(EventLog.hash(EventLog.GENESIS, 1, 2, "ab", "c", "s", "{}"),
        EventLog.hash(EventLog.GENESIS, 1, 2, "a", "bc", "s", "{}"))).isFalse();
  }
}
