package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  @TempDir Path dir;

  @Test
  void missingStateFileHintsAtInit() {
    CliRunner.Result r = new CliRunner(dir).run("get", "systems");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("error: no state file found (looked for .ctrl/state.db in " + dir)
        .contains("hint: run `ctrl init` here, or point to one with --db PATH or CTRL_DB");
  }

  @Test
  void stateIsFoundUpwardAndThroughCtrlDb() throws Exception {
    new CliRunner(dir).ok("init");
    Path sub = Files.createDirectories(dir.resolve("a/b"));
    new CliRunner(sub).ok("get", "systems");
    Path elsewhere = Files.createDirectories(dir.resolve("../other-" + dir.getFileName()).normalize());
    new CliRunner(elsewhere).env("CTRL_DB", dir.resolve(".ctrl/state.db").toString()).ok("get", "systems");
    new CliRunner(elsewhere).ok("--db", dir.resolve(".ctrl/state.db").toString(), "get", "systems");
    new CliRunner(elsewhere).ok("get", "systems", "--db", dir.resolve(".ctrl/state.db").toString());
  }

  @Test
  void initIsSafeToRepeat() {
    CliRunner cli = new CliRunner(dir);
    assertThat(cli.ok("init").out()).startsWith("Created state file ");
    assertThat(cli.ok("init").out()).contains("already exists");
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedAndUntouched() {
    Path bogus = TestFiles.write(dir, "state.db", "this is not a database, it is a shopping list\n");
    byte[] before = TestFiles.bytes(bogus);
    CliRunner.Result r = new CliRunner(dir).run("--db", "state.db", "get", "systems");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a ctrl state file (it is not an SQLite database)").doesNotContain("Exception");
    assertThat(TestFiles.bytes(bogus)).isEqualTo(before);
  }

  @Test
  void aStateFileFromANewerCtrlIsRefused() throws Exception {
    new CliRunner(dir).ok("init");
    Path db = dir.resolve(".ctrl/state.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("PRAGMA user_version = 99");
    }
    CliRunner.Result r = new CliRunner(dir).run("get", "systems");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("was written by a newer ctrl (schema version 99; this ctrl knows up to "
        + Migrator.latestVersion() + ")").contains("hint: upgrade ctrl");
  }

  @Test
  void explicitDbThatDoesNotExistSaysHowToCreateIt() {
    CliRunner.Result r = new CliRunner(dir).run("--db", "nope.db", "get", "systems");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no state file at " + dir.resolve("nope.db")).contains("ctrl init --db");
  }
}
