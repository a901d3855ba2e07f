package dev.ctrl.agent.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `ctrl rollout` process killed (SIGKILL) after Argo CD carried out its sync and before the
 * loop could commit the job's reference: the next rollout finds the sync by the job id
 * (the application's label and the operation's info) and never sends a second one.
 */
class ArgoCdCrashTest {
  static final String TOKEN = "argo-crash-token-" + Long.toHexString(System.nanoTime());

  @TempDir Path dir;
  final FakeArgoCd argo;
  Process process;

  ArgoCdCrashTest() throws Exception {
    argo = new FakeArgoCd().token(TOKEN).project("payments");
  }

  @AfterEach
  void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    argo.close();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aLoopKilledBetweenTheSyncAndRecordingItIsRecoveredByFindWithoutASecondSync() throws Exception {
    CliRunner cli = new CliRunner(dir).clock(Clock.systemUTC()).env("ARGOCD_TOKEN", TOKEN);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", ArgoCdRolloutTest.config(argo.url(), ""));
    cli.ok("apply", "-f", "ctrl.yaml");
    cli.ok("version", "create", "--deployment", "checkout", "--tag", "v7");

    AtomicReference<Process> victim = new AtomicReference<>();
    argo.onSync(sync -> {
      Process p = victim.getAndSet(null);
      if (p != null) {
        p.destroyForcibly(); // SIGKILL while its sync request waits for the answer
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    Path db = dir.resolve(".ctrl/state.db");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.ctrl.Main",
        "--db", db.toString(), "rollout", "--timeout", "1m"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed-rollout.out").toFile());
    pb.environment().put("ARGOCD_TOKEN", TOKEN);
    pb.environment().put("CTRL_USER", "tester");
    pb.environment().put("NO_COLOR", "1");
    process = pb.start();
    victim.set(process);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String killedOutput = java.nio.file.Files.readString(dir.resolve("killed-rollout.out"));
    assertThat(process.exitValue()).as(killedOutput).isEqualTo(137); // killed, not ended by itself
    assertThat(argo.syncs()).as(killedOutput).isEqualTo(1);
    // the state knows the job but not its reference: it is still marked dispatching
    assertThat(column(db, "SELECT dispatching || ' ' || COALESCE(external_id, '-') FROM jobs")).containsExactly("1 -");

    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("job.recovered").contains("recovered after a restart");
    assertThat(argo.syncs()).isEqualTo(1);
    String jobId = column(db, "SELECT id FROM jobs").get(0);
    assertThat(column(db, "SELECT status || ' ' || external_id FROM jobs"))
        .containsExactly("successful payments/checkout-eu/" + jobId + "/wait");
  }

  static List<String> column(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }
}
