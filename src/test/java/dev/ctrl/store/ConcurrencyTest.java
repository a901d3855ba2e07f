package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 8 processes each create 50 versions in one state file at once: none fails, none is lost. */
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void eightProcessesCreatingVersionsLoseNothing() throws Exception {
    CliRunner cli = TestFiles.withBase(dir);
    String db = dir.resolve(".ctrl/state.db").toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), VersionCreateWorker.class.getName(), db, "p" + p, "50");
      pb.redirectErrorStream(true).redirectOutput(dir.resolve("worker-" + p + ".log").toFile());
      processes.add(pb.start());
    }
    for (int p = 0; p < processes.size(); p++) {
      assertThat(processes.get(p).waitFor(5, TimeUnit.MINUTES)).isTrue();
      assertThat(processes.get(p).exitValue())
          .as(new String(TestFiles.bytes(dir.resolve("worker-" + p + ".log"))))
          .isZero();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from versions")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(400);
      }
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from events where kind = 'version.created'")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(400);
      }
      try (ResultSet rs = c.createStatement().executeQuery("pragma integrity_check")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
    }
    assertThat(new File(db)).exists();
  }
}
