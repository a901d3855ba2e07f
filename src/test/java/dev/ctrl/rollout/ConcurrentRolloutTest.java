package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.ExitCode;
import dev.ctrl.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  static final String CONFIG = """
      type: System
      name: shop
      ---
      type: JobAgent
      name: local
      exec:
        command:
          - sh
          - -c
          - |
            echo "$CTRL_JOB_ID" >> dispatched.log
            i=0; while [ ! -f go ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i + 1)); done
            sleep "$(printf '0.%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % 300 )))"
        timeout: 5m
      ---
      type: Environment
      name: staging
      systems: [shop]
      resourceSelector: resource.metadata.env == "staging"
      ---
      type: Environment
      name: production
      systems: [shop]
      resourceSelector: resource.metadata.env == "production"
      ---
      type: Deployment
      name: api
      systems: [shop]
      resourceSelector: "true"
      agent: local
      """ + CrashTest.resources();

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
    assertThat(new HashSet<>(dispatched)).isEqualTo(new HashSet<>(ctrl.column("SELECT id FROM jobs")));
    assertThat(ctrl.column("SELECT t.target_key || ' ' || j.kind || ' ' || j.status FROM jobs j "
        + "JOIN release_targets t ON t.id = j.target_id"))
        .containsExactlyInAnyOrder(
            "api/staging/staging-1 deploy successful", "api/staging/staging-2 deploy successful",
            "api/staging/staging-3 deploy successful", "api/production/production-1 deploy successful",
            "api/production/production-2 deploy successful", "api/production/production-3 deploy successful");
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
}
