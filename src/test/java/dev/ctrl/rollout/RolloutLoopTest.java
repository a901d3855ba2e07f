package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctrl.CliRunner;
import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.TestFiles;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.engine.JobFact;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.JobStatus;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.Lease;
import dev.ctrl.store.Store;
import dev.ctrl.store.VerificationRecord;
import dev.ctrl.verify.MetricProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop on a fake clock and an in-memory agent: waits of hours pass instantly, so windows,
 * intervals, leases and recovery are tested exactly (DOMAIN.md sections 7-9).
 */
class RolloutLoopTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:30:00Z");
  static final String BASE = TestFiles.shop("api", "fake") + """
      type: JobAgent
      name: fake
      exec: {command: ["true"]}
      ---
      type: Resource
      identifier: r1
      name: r1
      kind: Server
      version: v1
      ---
      type: Resource
      identifier: r2
      name: r2
      kind: Server
      version: v1
      """;
  static final String HEALTH = """
      ---
      type: Policy
      name: health
      selector: "true"
      rules:
        - verification:
            onFailure: %s
            metrics:
              - name: healthy
                http: {url: "https://health.example/{{ resource.name }}"}
                interval: 1m
                count: 3
      """;

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(T0);
  final FakeAgent agent = new FakeAgent(clock);
  final List<RolloutEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
  Predicate<JobContext> healthy = j -> true;
  CliRunner cli;

  void setUp(String policies) {
    cli = new CliRunner(dir).at(T0);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", BASE + policies);
    cli.ok("apply", "-f", "ctrl.yaml");
  }

  void version(String tag) {
    cli.at(clock.instant()).ok("version", "create", "--deployment", "api", "--tag", tag);
  }

  Store open() {
    return new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  RolloutResult run(RolloutOptions options) {
    try (Store store = open()) {
      return loop(store, clock.sleeper()).run(options);
    }
  }

  RolloutLoop loop(Store store, Sleeper sleeper) {
    Providers providers = (config, job) -> () -> MetricProvider.Result.of(Map.of("ok", healthy.test(job)));
    return new RolloutLoop(store, this::open, clock, sleeper, agent.agents(), providers, new CelExpressions(),
        events::add, "tester", "test-loop");
  }

  static RolloutOptions timeout(Duration d) {
    return new RolloutOptions(List.of(), List.of(), false, false, d, Duration.ZERO, 8);
  }

  List<JobFact> jobs() {
    try (Store store = open()) {
      List<JobFact> jobs = new ArrayList<>(store.facts().jobs());
      jobs.sort(Comparator.comparing(JobFact::createdAt).thenComparing(JobFact::targetId));
      return jobs;
    }
  }

  @Test
  void aPolledJobsSecretsFromTheDeploymentAreLearnedOnceBeforeItIsPolled() {
    cli = new CliRunner(dir).at(T0);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", BASE.replace("agent: fake\n",
        "agent: fake\nagentConfig: {env: {TOKEN: \"${env:DEPLOY_TOKEN}\"}}\n"));
    cli.ok("apply", "-f", "ctrl.yaml");
    version("v1");
    agent.runFor = Duration.ofMinutes(1); // in flight for a few polls
    assertThat(run(timeout(Duration.ofMinutes(10))).exitCode()).isEqualTo(0);
    // a loop that polls a job (this one, or one an earlier process dispatched) first hands the
    // redactors the secrets of its merged configuration, deployment's agentConfig included; once
    assertThat(agent.learned).hasSize(2) // two targets
        .allSatisfy(m -> assertThat(m).containsEntry("env", Map.of("TOKEN", "${env:DEPLOY_TOKEN}"))
            .containsEntry("command", List.of("true")));
  }

  @Test
  void aClosedWindowIsWaitedOutUntilItOpensAndNotPolledMeanwhile() {
    setUp("""
        ---
        type: Policy
        name: mornings
        selector: "true"
        rules:
          - deploymentWindow: {rrule: "FREQ=DAILY;BYHOUR=9", duration: 1h, timezone: UTC}
        """);
    version("v1");
    assertThat(run(timeout(Duration.ofMinutes(10))).exitCode()).isEqualTo(0); // a first deployment ignores windows
    version("v2");
    long realStart = System.nanoTime();
    RolloutResult r = run(timeout(Duration.ofHours(30)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(0);
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(10));
    List<JobFact> v2 = jobs().subList(2, 4);
    assertThat(v2).allSatisfy(j -> assertThat(j.createdAt()).isEqualTo(Instant.parse("2026-11-28T09:00:00Z")));
    // a deadline before the window opens ends the run with "waiting beyond the deadline"
    clock.advance(Duration.ofHours(2));
    version("v3");
    RolloutResult early = run(timeout(Duration.ofHours(1)));
    assertThat(early.exitCode()).isEqualTo(ExitCode.WAITING);
    assertThat(early.summary()).contains("window");
  }

  @Test
  void verificationMeasuresAtEachIntervalAndStoresEveryMeasurement() {
    setUp(HEALTH.formatted("rollback"));
    version("v1");
    RolloutResult r = run(timeout(Duration.ofHours(1)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(0);
    try (Store store = open()) {
      List<VerificationRecord> runs = store.verifications(jobs().stream().map(JobFact::id).toList());
      assertThat(runs).hasSize(2).allSatisfy(run -> {
        assertThat(run.status()).isEqualTo("passed");
        assertThat(run.measurements()).extracting(VerificationRecord.MeasurementRecord::verdict)
            .containsExactly("passed", "passed", "passed");
        List<Instant> at = run.measurements().stream().map(VerificationRecord.MeasurementRecord::at).toList();
        assertThat(at.get(0)).isEqualTo(run.startedAt());
        assertThat(Duration.between(at.get(0), at.get(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(at.get(1), at.get(2))).isEqualTo(Duration.ofMinutes(1));
        assertThat(run.completedAt()).isEqualTo(at.get(2));
      });
    }
  }

  @Test
  void onFailureRollbackRollsTheEnvironmentBackToTheLastGoodVersion() {
    setUp(HEALTH.formatted("rollback"));
    version("v1");
    assertThat(run(timeout(Duration.ofHours(1))).exitCode()).isEqualTo(0);
    version("v2");
    healthy = j -> !j.version().tag().equals("v2") || !j.resource().name().equals("r2");
    RolloutResult r = run(timeout(Duration.ofHours(1)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(ExitCode.FAILURE);
    List<JobFact> jobs = jobs();
    assertThat(jobs.stream().filter(j -> j.kind().equals("rollback"))).hasSize(2)
        .allSatisfy(j -> assertThat(j.status()).isEqualTo("successful"));
    assertThat(events).anySatisfy(e -> assertThat(e.kind()).isEqualTo("version.blocked"));
    // rollbacks are not verified again
    try (Store store = open()) {
      assertThat(store.verifications(jobs.stream().filter(j -> j.kind().equals("rollback")).map(JobFact::id).toList()))
          .isEmpty();
    }
  }

  @Test
  void onFailureHaltBlocksTheVersionButRollsNothingBack() {
    setUp(HEALTH.formatted("halt"));
    version("v1");
    assertThat(run(timeout(Duration.ofHours(1))).exitCode()).isEqualTo(0);
    version("v2");
    healthy = j -> !j.version().tag().equals("v2");
    RolloutResult r = run(timeout(Duration.ofHours(1)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(ExitCode.FAILURE);
    assertThat(jobs()).noneSatisfy(j -> assertThat(j.kind()).isEqualTo("rollback"));
    try (Store store = open()) {
      assertThat(store.facts().blocks()).isNotEmpty().allSatisfy(b -> assertThat(b.halt()).isTrue());
    }
    // the next run does nothing by itself: the targets wait on a person
    RolloutResult next = run(timeout(Duration.ofHours(1)));
    assertThat(next.exitCode()).isEqualTo(ExitCode.WAITING);
    assertThat(next.summary()).contains("onFailure: halt");
  }

  @Test
  void aJobLeftDispatchingByACrashIsRecoveredAndNeverDispatchedTwice() {
    setUp("");
    version("v1");
    // a loop died after committing two jobs: one reached the agent, the other did not
    List<String> ids = new ArrayList<>();
    try (Store store = open()) {
      var snapshot = store.facts();
      var v1 = store.version("api", "v1").orElseThrow();
      store.write("tester", clock.instant(), tx -> {
        for (var t : snapshot.targets()) {
          ids.add(tx.createJob("job-" + t.key().resource(), t.id(), v1, "{}", "fake", "deploy", 1).id());
        }
        return null;
      });
    }
    agent.dispatch(new DispatchRequest(ids.get(0), List.of("deploy"), Map.of(), null, 60));
    RolloutResult r = run(timeout(Duration.ofHours(1)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(0);
    assertThat(agent.dispatched).containsExactlyInAnyOrderElementsOf(ids); // each exactly once
    assertThat(jobs()).hasSize(2).allSatisfy(j -> assertThat(j.status()).isEqualTo("successful"));
    assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("recovered after a restart"));
  }

  @Test
  void aLeaseHeldByAnotherLoopIsWaitedForThenGivenUpWithExitFive() {
    setUp("");
    version("v1");
    try (Store store = open()) {
      Lease held = store.write("other", clock.instant(), tx -> tx.acquireLease("deployment/api", "ci-runner-7 pid 42",
          Duration.ofSeconds(30)));
      assertThat(held.holder()).isEqualTo("ci-runner-7 pid 42");
    }
    RolloutOptions wait10s = new RolloutOptions(List.of(), List.of(), false, false, Duration.ofHours(1),
        Duration.ofSeconds(10), 8);
    Instant start = clock.instant();
    assertThatThrownBy(() -> run(wait10s)).isInstanceOfSatisfying(CtrlException.class, e -> {
      assertThat(e.exitCode()).isEqualTo(ExitCode.NO_LEASE);
      assertThat(e.getMessage()).contains("ci-runner-7 pid 42").contains(start.plusSeconds(30).toString());
    });
    assertThat(Duration.between(start, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(agent.dispatched).isEmpty();
    // waiting long enough outlives the other holder's lease (it died and stopped renewing)
    RolloutOptions wait1m = new RolloutOptions(List.of(), List.of(), false, false, Duration.ofHours(1),
        Duration.ofMinutes(1), 8);
    assertThat(run(wait1m).exitCode()).isEqualTo(0);
    assertThat(agent.dispatched).hasSize(2);
  }

  @Test
  void anOutageOfTheAgentIsWaitedOutNotCountedAsAFailure() {
    setUp("");
    version("v1");
    agent.outagePolls = 5;
    RolloutResult r = run(timeout(Duration.ofHours(1)));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(0);
    assertThat(events).anySatisfy(e -> assertThat(e.message()).contains("polling failed, trying again: 503"));
    assertThat(jobs()).allSatisfy(j -> assertThat(j.status()).isEqualTo("successful"));
  }

  @Test
  void aJobCancelledByAPersonWhileTheLoopWaitsIsNoLongerPolledNorWaitedFor() {
    setUp("");
    version("v1");
    agent.runFor = Duration.ofMinutes(2);
    List<Duration> sleeps = new ArrayList<>();
    try (Store store = open()) {
      RolloutResult r = loop(store, d -> {
        sleeps.add(d);
        if (sleeps.size() == 1) { // `ctrl job cancel` from another terminal
          try (Store other = open()) {
            other.write("person", clock.instant(), tx -> tx.updateJob(agent.dispatched.get(0), JobStatus.CANCELLED,
                "cancelled by person", Map.of()));
          }
        }
        if (sleeps.size() > 200) {
          throw new AssertionError("the loop spins: " + sleeps.subList(sleeps.size() - 5, sleeps.size()));
        }
        clock.advance(d);
      }).run(timeout(Duration.ofHours(1)));
      assertThat(r.exitCode()).as(r.summary()).isNotEqualTo(ExitCode.TIMEOUT);
    }
    // polled every 10 s (looking for changes every 5 s) while the other job runs its 2 minutes
    assertThat(sleeps).hasSizeLessThan(100);
  }

  @Test
  void stopRecordsReleasesTheLeaseAndLeavesRunningJobsForTheNextLoop() throws Exception {
    setUp("");
    version("v1");
    agent.runFor = Duration.ofHours(2);
    try (Store store = open()) {
      // real sleeps of a few ms, fake hours: the loop is still waiting on its jobs when stopped
      RolloutLoop loop = loop(store, d -> {
        Thread.sleep(5);
        clock.advance(Duration.ofSeconds(1).compareTo(d) < 0 ? Duration.ofSeconds(1) : d);
      });
      CompletableFuture<RolloutResult> running = CompletableFuture.supplyAsync(() -> loop.run(timeout(Duration.ofDays(1))));
      while (agent.dispatched.size() < 2) {
        Thread.sleep(10);
      }
      loop.stop();
      assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    }
    assertThat(jobs()).hasSize(2).allSatisfy(j -> assertThat(j.inFlight()).isTrue());
    try (Store store = open()) {
      Lease free = store.write("other", clock.instant(), tx -> tx.acquireLease("deployment/api", "next", Duration.ofSeconds(30)));
      assertThat(free.holder()).isEqualTo("next"); // released, not left to expire
      store.write("other", clock.instant(), tx -> {
        tx.releaseLease("deployment/api", "next");
        return null;
      });
    }
    // the next loop picks the running jobs up instead of starting new ones
    agent.outcome = req -> JobStatus.SUCCESSFUL;
    clock.advance(Duration.ofHours(3));
    assertThat(run(timeout(Duration.ofHours(1))).exitCode()).isEqualTo(0);
    assertThat(agent.dispatched).hasSize(2);
  }
}
