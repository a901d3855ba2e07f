package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.Version;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the rollout loop (DOMAIN.md sections 7 and 9): `ctrl rollout` is killed with
 * SIGKILL at random moments, again and again, and restarted each time; then it runs to the end.
 * No job may reach the agent twice, none may be lost, and the end state must be exactly the one
 * of an uninterrupted run: every target deployed and verified once per version, nothing failed,
 * blocked or rolled back.
 *
 * <p>One deployment on staging and production (3 resources each; production after staging; a
 * gradual rollout; a verification of two measurements 1 s apart), an exec agent that appends its
 * job id to dispatched.log and sleeps 0-300 ms. v1 is rolled out under kills, then v2, so an
 * uninterrupted run makes exactly one deploy job per target and version. The kill moments come
 * from a seeded Random (system property crash.seed overrides the seed): 50-1500 ms after the
 * restarted loop took its lease or after its first tick (a kill during JVM start-up tests nothing).
 */
class CrashTest {
  static final long SEED = Long.getLong("crash.seed", 20261127L);
  static final int KILLS_PER_VERSION = 11;
  static final int MIN_KILLS = 20;
  static final List<String> TARGETS = List.of("api/staging/staging-1", "api/staging/staging-2",
      "api/staging/staging-3", "api/production/production-1", "api/production/production-2",
      "api/production/production-3");

  static final String CONFIG = TwoEnvironments.config("""
      command:
        - sh
        - -c
        - |
          echo "$CTRL_JOB_ID" >> dispatched.log
          sleep "$(printf '0.%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % 300 )))"
      timeout: 1m
      """, """
      ---
      type: Policy
      name: staging-first
      selector: environment.name == "production"
      rules:
        - environmentProgression: {dependsOn: 'environment.name == "staging"'}
      ---
      type: Policy
      name: gradual
      selector: "true"
      rules:
        - gradualRollout: {interval: 1s}
      ---
      type: Policy
      name: health
      selector: "true"
      rules:
        - verification:
            metrics:
              - name: alive
                exec: {command: ["true"]}
                interval: 1s
                count: 2
      """, "staging-", "production-");

  @TempDir Path dir;
  CtrlProcesses ctrl;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (ctrl != null) {
      ctrl.killAll();
    }
  }

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void aLoopKilledAtRandomMomentsDispatchesEveryJobOnceAndEndsAsAnUninterruptedRun() throws Exception {
    ctrl = new CtrlProcesses(dir);
    ctrl.init(CONFIG);
    Random random = new Random(SEED);
    int kills = 0;
    List<String> history = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    // two versions; more only where a fast machine lets a version converge before its kills
    for (int v = 1; v <= 2 || (kills < MIN_KILLS && v <= 6); v++) {
      String tag = "v" + v;
      tags.add(tag);
      ctrl.ok("version", "create", "--deployment", "api", "--tag", tag);
      int killed = 0;
      boolean converged = false;
      while (killed < KILLS_PER_VERSION && !converged) {
        // half of the kills count from the moment the loop holds its lease (they hit its first
        // tick: recovery, polls, measurements, dispatches), half from the end of its first tick
        // (they hit what follows: polls, verifications, later dispatches)
        boolean afterFirstTick = random.nextBoolean();
        long delay = 50 + random.nextInt(1451);
        String anchor = afterFirstTick ? "its first tick" : "it took the lease";
        long seq = Long.parseLong(ctrl.column("SELECT COALESCE(MAX(seq), 0) FROM events").get(0));
        long t0 = System.nanoTime();
        CtrlProcesses.Run run = ctrl.start("rollout", "--timeout", "2m");
        BooleanSupplier ready = afterFirstTick
            ? () -> !ctrl.column("SELECT seq FROM events WHERE kind = 'targets.desired' AND seq > " + seq).isEmpty()
            : () -> ctrl.holds(run, "api");
        boolean up = CtrlProcesses.poll(Duration.ofSeconds(90), () -> !run.process().isAlive() || ready.getAsBoolean());
        assertThat(up).as("%s never got to %s (seed %d)\n%s", run.name(), anchor, SEED, run.output()).isTrue();
        long startup = (System.nanoTime() - t0) / 1_000_000;
        if (run.process().waitFor(delay, TimeUnit.MILLISECONDS)) {
          // it finished before the kill: it must have converged, with nothing failed
          assertThat(run.process().exitValue()).as("%s (seed %d)\n%s", run.name(), SEED, run.output()).isZero();
          history.add(tag + ": " + run.name() + " converged before its kill " + delay + " ms after " + anchor);
          converged = true;
        } else {
          run.process().destroyForcibly();
          assertThat(run.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
          history.add(tag + ": killed " + run.name() + " " + delay + " ms after " + anchor + " (" + startup
              + " ms after its start)");
          killed++;
        }
      }
      kills += killed;
      history.add(tag + ": before the final run " + ctrl.column("SELECT count(*) FROM jobs").get(0) + " jobs, "
          + ctrl.column("SELECT count(*) FROM jobs WHERE status = 'successful'").get(0) + " successful, "
          + ctrl.column("SELECT count(*) FROM verification_runs WHERE status = 'passed'").get(0) + " verified");
      long t0 = System.nanoTime();
      CtrlProcesses.Run last = ctrl.start("rollout", "--timeout", "2m");
      int code = last.await(Duration.ofMinutes(3));
      history.add(tag + ": the final " + last.name() + " took " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      assertThat(code).as("the final rollout of %s after %d kills (seed %d)\n%s\n%s", tag, killed, SEED,
          last.output(), jobsTable()).isZero();
    }
    history.forEach(System.out::println);
    assertThat(kills).as("kills (seed %d): %s", SEED, history).isGreaterThanOrEqualTo(MIN_KILLS);

    // every target on the last version
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) JsonText.parse(
        ctrl.ok("get", "targets", "-o", "json").out());
    Map<String, Object> current = new TreeMap<>();
    targets.forEach(t -> current.put((String) t.get("key"), t.get("currentVersion")));
    assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(TARGETS);
    assertThat(current.values()).as(jobsTable()).containsOnly(tags.get(tags.size() - 1));

    // no job id reached the agent twice, and every job the state knows did reach it
    List<String> dispatched = ctrl.lines("dispatched.log");
    Map<String, Integer> times = new HashMap<>();
    dispatched.forEach(id -> times.merge(id, 1, Integer::sum));
    assertThat(times).as("job ids run more than once (seed %d)\n%s", SEED, jobsTable())
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    Map<String, String> jobs = ctrl.jobs();
    assertThat(new HashSet<>(dispatched)).as("dispatched.log against ctrl get jobs (seed %d)\n%s", SEED, jobsTable())
        .isEqualTo(jobs.keySet());
    assertThat(jobs.keySet()).as("ctrl get jobs against the jobs table").isEqualTo(
        new HashSet<>(ctrl.column("SELECT id FROM jobs")));

    // the end state of an uninterrupted run: one successful, verified deploy job per target and
    // version, and nothing else
    assertThat(jobs.values()).as("jobs (seed %d)", SEED).containsExactlyInAnyOrderElementsOf(expectedJobs(tags));
    assertThat(ctrl.column("SELECT reason FROM version_blocks")).as("blocks").isEmpty();
    assertThat(ctrl.column("SELECT id FROM jobs WHERE dispatching = 1")).as("jobs still marked dispatching").isEmpty();
    assertThat(ctrl.column("SELECT holder FROM leases")).as("leases left behind").isEmpty();
    Set<String> measured = new HashSet<>(ctrl.column("SELECT verdict FROM verification_measurements"));
    assertThat(measured).containsOnly("passed");
    ctrl.assertIntact();
  }

  /**
   * The moment the random kills hit only now and then, though a kill during a large dispatch
   * (many jobs starting on --max-parallel threads) hits it almost surely: the exec agent has
   * written its dispatch marker, but the loop dies before the job's process has started. The
   * restarted loop must run that job, once, rather than wait 30 s to call it failed, which with
   * no retry rule blocks the version in the environment and rolls back every target on it.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aJobWhoseProcessHadNotStartedWhenTheLoopDiedRunsOnceAfterTheRestart() throws Exception {
    ctrl = new CtrlProcesses(dir);
    ctrl.init(CONFIG);
    ctrl.ok("version", "create", "--deployment", "api", "--tag", "v1");
    String id = "0b5e55ed-0000-4000-8000-000000000001";
    Path db = dir.resolve(".ctrl/state.db");
    try (Store store = new JooqStore(Database.open(db, false))) {
      Version v1 = store.version("api", "v1").orElseThrow();
      long target = store.targets("api", "staging").stream().filter(t -> t.key().resource().equals("staging-1"))
          .findFirst().orElseThrow().id();
      store.write("tester", Instant.now(), tx -> tx.createJob(id, target, v1, "{}", "local", "deploy", 1));
    }
    // what ExecAgent.dispatch writes before it starts the process
    Path job = Files.createDirectories(dir.resolve(".ctrl/jobs/" + id));
    Files.writeString(job.resolve("timeout"), "60");
    Files.writeString(job.resolve("dispatched"), Long.toString(System.currentTimeMillis()));

    CtrlProcesses.Run run = ctrl.start("rollout", "--timeout", "2m");
    assertThat(run.await(Duration.ofMinutes(3))).as("%s\n%s", run.output(), jobsTable()).isZero();
    assertThat(ctrl.lines("dispatched.log")).doesNotHaveDuplicates().containsOnlyOnce(id).hasSize(6);
    assertThat(ctrl.column("SELECT status FROM jobs WHERE id = '" + id + "'")).containsExactly("successful");
    assertThat(ctrl.column("SELECT status FROM jobs")).containsOnly("successful").hasSize(6);
    assertThat(ctrl.column("SELECT reason FROM version_blocks")).isEmpty();
  }

  static List<String> expectedJobs(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      TARGETS.forEach(t -> out.add(t + " " + tag + " deploy successful passed"));
    }
    return out;
  }

  /** The jobs as stored, for failure messages. */
  String jobsTable() {
    return String.join("\n", ctrl.column("SELECT j.id || ' ' || t.target_key || ' ' || j.kind || ' ' || j.status || "
        + "' dispatching=' || j.dispatching || ' ' || COALESCE(j.message, '') FROM jobs j "
        + "JOIN release_targets t ON t.id = j.target_id ORDER BY j.created_at"));
  }
}
