package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ctrl.ExitCode;
import dev.ctrl.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two `ctrl rollout` processes on one state file (DOMAIN.md section 9): the lease lets one act
 * at a time. The jobs wait for a file `go` that the test writes only once the overlap it wants
 * to see has happened, so the outcome does not depend on how fast the two JVMs start.
 */
class ConcurrentRolloutTest {
  static final String CONFIG = TwoEnvironments.config("""
      command:
        - sh
        - -c
        - |
          echo "$CTRL_JOB_ID" >> dispatched.log
          i=0; while [ ! -f go ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
          sleep "$(printf '0.%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % 300 )))"
      timeout: 5m
      """, "", "staging-", "production-");

  @TempDir Path dir;
  CtrlProcesses ctrl;

  @BeforeEach
  void init() throws Exception {
    ctrl = new CtrlProcesses(dir);
    ctrl.init(CONFIG);
    ctrl.ok("version", "create", "--deployment", "api", "--tag", "v1");
  }

  @AfterEach
  void cleanUp() throws InterruptedException {
    TestFiles.write(dir, "go", ""); // let any job still waiting end
    ctrl.killAll();
  }

  /**
   * Both wait up to 60 s for the lease. The first to take it deploys all six targets; the other
   * waits (its jobs are held until it does), takes the lease when the first releases it, finds
   * every target converged and exits 0 as well: by section 9 a loop that got its lease within
   * --wait-for-lock is an ordinary loop, and exit 5 is only for one that did not.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void twoLoopsStartedTogetherDeployEveryTargetOnceAndBothSucceed() throws Exception {
    CtrlProcesses.Run a = ctrl.start("rollout", "--wait-for-lock", "60s", "--timeout", "3m");
    CtrlProcesses.Run b = ctrl.start("rollout", "--wait-for-lock", "60s", "--timeout", "3m");
    boolean overlapped = CtrlProcesses.poll(Duration.ofSeconds(90),
        () -> a.stdout().contains("lease.waiting") || b.stdout().contains("lease.waiting"));
    assertThat(overlapped).as("neither loop waited for the other\n%s\n%s", a.output(), b.output()).isTrue();
    CtrlProcesses.Run waiter = a.stdout().contains("lease.waiting") ? a : b;
    CtrlProcesses.Run worker = waiter == a ? b : a;
    assertThat(waiter.stdout()).contains("waiting for ").contains(" pid " + worker.process().pid() + " ");
    TestFiles.write(dir, "go", "");

    assertThat(worker.await(Duration.ofMinutes(3))).as(worker.output()).isEqualTo(ExitCode.OK);
    assertThat(waiter.await(Duration.ofMinutes(3))).as(waiter.output()).isEqualTo(ExitCode.OK);
    assertThat(worker.stderr()).contains("converged: 6 of 6 targets on their version (6 jobs)");
    assertThat(waiter.stderr()).contains("converged: 6 of 6 targets on their version");
    assertThat(waiter.stdout()).doesNotContain("job.created").doesNotContain("job.dispatched");

    List<String> dispatched = ctrl.lines("dispatched.log");
    assertThat(dispatched).doesNotHaveDuplicates().hasSize(6);
    java.util.Map<String, String> jobs = ctrl.jobs();
    assertThat(new HashSet<>(dispatched)).isEqualTo(jobs.keySet());
    assertThat(jobs.values()).containsExactlyInAnyOrder(
        "api/staging/staging-1 v1 deploy successful unverified", "api/staging/staging-2 v1 deploy successful unverified",
        "api/staging/staging-3 v1 deploy successful unverified",
        "api/production/production-1 v1 deploy successful unverified",
        "api/production/production-2 v1 deploy successful unverified",
        "api/production/production-3 v1 deploy successful unverified");
    assertThat(ctrl.column("SELECT holder FROM leases")).isEmpty();
  }

  /** A loop that may not wait exits 5 at once, naming who holds the lease and until when, and touches nothing. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aLoopThatMayNotWaitExits5NamingTheHolderAndTheExpiry() throws Exception {
    CtrlProcesses.Run holder = ctrl.start("rollout", "--timeout", "3m");
    assertThat(CtrlProcesses.poll(Duration.ofSeconds(90), () -> ctrl.lines("dispatched.log").size() == 6))
        .as(holder.output()).isTrue();
    String held = ctrl.leaseHolder("api");
    assertThat(held).contains(" pid " + holder.process().pid() + " ");

    Instant before = Instant.now();
    CtrlProcesses.Run second = ctrl.start("rollout", "--wait-for-lock", "0s");
    assertThat(second.await(Duration.ofMinutes(2))).as(second.output()).isEqualTo(ExitCode.NO_LEASE);
    Instant after = Instant.now();
    Matcher m = Pattern.compile("deployment api is being rolled out by another loop \\((.+)\\); its lease expires at "
        + "(\\S+)").matcher(second.stderr());
    assertThat(m.find()).as(second.output()).isTrue();
    assertThat(m.group(1)).isEqualTo(held);
    Instant expires = Instant.parse(m.group(2));
    // the holder's lease, as read by the second loop: 30 s to live from its last renewal
    assertThat(expires).isAfter(before).isBefore(after.plus(LeaseKeeper.TTL).plusSeconds(1));
    assertThat(second.stdout()).doesNotContain("job.");
    assertThat(ctrl.leaseHolder("api")).isEqualTo(held);

    TestFiles.write(dir, "go", "");
    assertThat(holder.await(Duration.ofMinutes(3))).as(holder.output()).isEqualTo(ExitCode.OK);
    assertThat(ctrl.lines("dispatched.log")).doesNotHaveDuplicates().hasSize(6);
  }

  /**
   * Other processes use the state file while a loop runs (CI creates versions, people approve,
   * someone looks with the sqlite3 shell): none of them may make the loop's writes disappear.
   * SQLite's WAL mode relies on every connection keeping a POSIX read lock on the database file:
   * the process that closes the file and finds no such lock believes it is the last user,
   * checkpoints and deletes the write-ahead log, and everything the loop commits afterwards goes
   * to a deleted file, lost when the loop dies. A process loses all its POSIX locks on a file as
   * soon as it closes any descriptor of it, so the loop must never open the state file besides
   * its SQLite connections (the lease renewer's second connection once checked the file header
   * with a plain read).
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theLoopKeepsItsLockOnTheStateFileSoOtherProcessesCannotDeleteItsLog() throws Exception {
    Path db = dir.resolve(".ctrl/state.db");
    Path locks = Path.of("/proc/locks");
    assumeTrue(Files.isReadable(locks) && Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    CtrlProcesses.Run loop = ctrl.start("rollout", "--timeout", "3m");
    assertThat(CtrlProcesses.poll(Duration.ofSeconds(90), () -> ctrl.lines("dispatched.log").size() == 6))
        .as(loop.output()).isTrue();
    // the lease renewer has its own connection: two descriptors of the state file
    assertThat(CtrlProcesses.poll(Duration.ofSeconds(30), () -> descriptors(loop.process().pid(), db) >= 2))
        .as("descriptors of the loop").isTrue();
    long inode = (Long) Files.getAttribute(db, "unix:ino");
    String lock = " " + loop.process().pid() + " ";
    assertThat(Files.readAllLines(locks)).as("the POSIX locks of the loop (pid %d) on the state file (inode %d)",
        loop.process().pid(), inode)
        .anyMatch(l -> l.contains(" POSIX ") && l.contains(lock) && l.matches(".*:0*" + inode + " .*"));

    Path wal = dir.resolve(".ctrl/state.db-wal");
    if (onPath("sqlite3")) {
      Process sqlite = new ProcessBuilder("sqlite3", db.toString(), "SELECT count(*) FROM jobs").redirectErrorStream(true)
          .redirectOutput(dir.resolve("sqlite3.out").toFile()).start();
      assertThat(sqlite.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(wal).as("the loop's write-ahead log after the sqlite3 shell closed the state file").exists();
    }
    CtrlProcesses.Run approve = ctrl.start("approve", "--deployment", "api", "--tag", "v1", "--environment", "staging",
        "--reason", "fine");
    assertThat(approve.await(Duration.ofMinutes(2))).as(approve.output()).isZero();
    assertThat(wal).as("the loop's write-ahead log after ctrl approve closed the state file").exists();

    TestFiles.write(dir, "go", "");
    assertThat(loop.await(Duration.ofMinutes(3))).as(loop.output()).isEqualTo(ExitCode.OK);
    assertThat(ctrl.column("SELECT kind FROM events WHERE kind IN ('version.approved', 'job.successful')"))
        .containsOnlyOnce("version.approved").filteredOn("job.successful"::equals).hasSize(6);
    List<String> seqs = ctrl.column("SELECT seq FROM events ORDER BY seq");
    assertThat(seqs).doesNotHaveDuplicates().last().isEqualTo(Integer.toString(seqs.size()));
    ctrl.assertIntact();
  }

  /** How many open descriptors of `file` the process has. */
  private static long descriptors(long pid, Path file) {
    try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      Path real = file.toRealPath();
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException | UnsupportedOperationException e) {
          return false; // closed meanwhile
        }
      }).count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
  }
}
