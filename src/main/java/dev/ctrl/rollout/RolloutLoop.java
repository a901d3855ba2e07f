package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.engine.Action;
import dev.ctrl.engine.Decision;
import dev.ctrl.engine.Engine;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.engine.Verdict;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoredObject;
import dev.ctrl.verify.MeasurementTaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * `ctrl rollout` (DOMAIN.md section 9): each tick polls the jobs in flight, takes the
 * measurements that are due, asks the engine for decisions, blocks versions whose jobs failed for
 * good, starts the jobs the decisions call for, and sleeps until the earliest instant something
 * can change. Every step is recorded before and after it touches the outside world.
 */
public final class RolloutLoop {
  /** Job statuses after which a version whose retries are exhausted is blocked (cancelled is a person's call). */
  private static final Set<String> FAILED = Set.of("failure", "invalid_job_agent", "invalid_integration",
      "external_run_not_found");
  /** How often a waiting loop looks for changes by others (a new version, an approval): one cheap query. */
  private static final Duration RECHECK = Duration.ofSeconds(5);

  private final Store store;
  private final Supplier<Store> opener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Agents agents;
  private final Providers providers;
  private final CelExpressions cel;
  private final RolloutListener listener;
  private final String actor;
  private final String holder;
  private Supplier<String> idSource;
  private volatile boolean stopping;
  private volatile Thread sleepingThread;

  public RolloutLoop(Store store, Supplier<Store> opener, Clock clock, Sleeper sleeper, Agents agents,
      Providers providers, CelExpressions cel, RolloutListener listener, String actor, String holder) {
    this.store = store;
    this.opener = opener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.agents = agents;
    this.providers = providers;
    this.cel = cel;
    this.listener = listener;
    this.actor = actor;
    this.holder = holder;
  }

  /** Job ids from this source instead of random UUIDs (tests). */
  public RolloutLoop withJobIds(Supplier<String> ids) {
    this.idSource = ids;
    return this;
  }

  /** Asks a running loop to stop (Ctrl-C): it records what it knows, releases its leases and returns 130. */
  public void stop() {
    stopping = true;
    Thread t = sleepingThread;
    if (t != null) {
      t.interrupt();
    }
  }

  public RolloutResult run(RolloutOptions o) {
    List<String> deployments = scope(o);
    Instant deadline = clock.instant().plus(o.timeout());
    Set<String> envFilter = new HashSet<>(o.environments());
    Set<String> depFilter = new HashSet<>(deployments);
    Predicate<TargetKey> inScope = k -> depFilter.contains(k.deployment())
        && (envFilter.isEmpty() || envFilter.contains(k.environment()));
    RunLog runLog = new RunLog();
    runLog.rollbackIsFailure = !o.manualOnly();
    runLog.jobFailureIsFinal = o.manualOnly();
    boolean redeployPending = o.redeployTarget() != null;
    try (LeaseKeeper leases = new LeaseKeeper(store, opener, holder, actor, clock, sleeper);
        Parallel parallel = new Parallel(o.maxParallel())) {
      sleepingThread = Thread.currentThread(); // Ctrl-C ends a wait for another loop's lease too
      try {
        leases.acquire(deployments, o.waitForLock(), listener);
      } catch (InterruptedException e) {
        return stopped();
      } finally {
        sleepingThread = null;
        Thread.interrupted();
      }
      if (stopping) {
        return stopped();
      }
      JobRunner jobs = new JobRunner(store, agents, clock, actor, listener, parallel, runLog, idSource);
      VerificationRunner verifier = new VerificationRunner(store, providers, new MeasurementTaker(cel), clock, actor,
          listener, parallel, runLog);
      Engine engine = new Engine(cel);
      Map<Long, Long> recordedDesired = new HashMap<>();
      while (true) {
        if (stopping) {
          return stopped();
        }
        if (leases.lost() != null) {
          return new RolloutResult(ExitCode.NO_LEASE, "stopped: " + leases.lost());
        }
        Instant now = clock.instant();
        World w = new World(store, cel);
        boolean changed = jobs.recover(w, inScope) > 0;
        changed |= !jobs.poll(w, inScope, now).isEmpty();
        if (changed) {
          w = new World(store, cel);
        }
        if (verifier.run(w, inScope, clock.instant())) {
          w = new World(store, cel);
        }
        Instant decidedAt = clock.instant();
        World world = w;
        List<Decision> decisions = engine.decide(w.snapshot, decidedAt, t -> inScope.test(t.key()));
        if (!o.manualOnly() && blockExhausted(world, decisions, runLog)) {
          world = new World(store, cel);
          decisions = engine.decide(world.snapshot, decidedAt, t -> inScope.test(t.key()));
        }
        if (o.manualOnly()) {
          decisions = decisions.stream().map(RolloutLoop::manualOnly).toList();
        }
        if (stopping) {
          return stopped();
        }
        List<JobRecord> started = new ArrayList<>(jobs.start(world, decisions));
        if (redeployPending) {
          redeployPending = false;
          started.addAll(jobs.start(world, List.of(redeploy(world, decisions, o.redeployTarget()))));
        }
        recordDesired(world, decisions, recordedDesired);
        Tick tick = Tick.of(world, decisions, started, verifier.progress, decidedAt, deadline, o.watch());
        listener.progress(tick.rows(), decidedAt);

        Instant after = clock.instant();
        if (o.once()) {
          return finish(runLog, tick.active() || !tick.converged() ? ExitCode.WAITING : ExitCode.OK, tick);
        }
        if (!o.watch()) {
          if (!tick.active()) {
            return finish(runLog, tick.waitsOnSomething() ? ExitCode.WAITING : ExitCode.OK, tick);
          }
          if (!after.isBefore(deadline)) {
            return finish(runLog, tick.waitsOnPerson() ? ExitCode.WAITING : ExitCode.TIMEOUT, tick);
          }
        }
        Instant due = due(after, tick, jobs.nextPollDue(), verifier.nextDue(), o.watch() ? null : deadline);
        try {
          waitForWork(due);
        } catch (InterruptedException e) {
          if (stopping) {
            return stopped();
          }
        }
      }
    }
  }

  /**
   * For `ctrl rollback` and `ctrl redeploy`: only rollbacks (and what keeps them from starting)
   * are acted on or reported; every other decision counts as nothing to do in this run.
   */
  private static Decision manualOnly(Decision d) {
    boolean aboutRollback = d.action() == Action.ROLLBACK
        || d.jobGates().stream().anyMatch(r -> r.type().equals("block"));
    return aboutRollback || d.action() == Action.NONE ? d
        : new Decision(d.key(), d.currentVersion(), d.currentVersion(), Action.NONE, null, List.of(), List.of());
  }

  /** The forced deploy job of `ctrl redeploy`: the target's current version again, past every gate. */
  private static Decision redeploy(World w, List<Decision> decisions, String key) {
    Decision d = decisions.stream().filter(x -> x.key().toString().equals(key)).findFirst()
        .orElseThrow(() -> CtrlException.usage("unknown release target \"" + key + "\"",
            "ctrl get targets lists them"));
    TargetFact t = w.target(key);
    if (w.index.inFlight(t.id()) != null) {
      throw new CtrlException(ExitCode.FAILURE, "target " + key + " has a job in flight ("
          + w.index.inFlight(t.id()).id() + "); wait for it or ctrl job cancel it first");
    }
    if (d.currentVersion() == null) {
      throw new CtrlException(ExitCode.FAILURE, "target " + key + " runs nothing yet; ctrl rollout deploys it");
    }
    return new Decision(d.key(), d.currentVersion(), d.currentVersion(), Action.DEPLOY, null, List.of(), List.of());
  }

  /** The deployments in scope, by name; an unknown name is a usage error. */
  private List<String> scope(RolloutOptions o) {
    List<String> declared = store.objects(ObjectType.DEPLOYMENT).stream().map(StoredObject::id).toList();
    for (String d : o.deployments()) {
      if (!declared.contains(d)) {
        throw CtrlException.usage("unknown deployment \"" + d + "\"", "ctrl get deployments lists them");
      }
    }
    List<String> envs = store.objects(ObjectType.ENVIRONMENT).stream().map(StoredObject::id).toList();
    for (String e : o.environments()) {
      if (!envs.contains(e)) {
        throw CtrlException.usage("unknown environment \"" + e + "\"", "ctrl get environments lists them");
      }
    }
    return o.deployments().isEmpty() ? declared : o.deployments().stream().distinct().sorted().toList();
  }

  /** A version to block where a target's deploy job failed for good, and the retry gate's reason. */
  private record ExhaustedBlock(Version version, TargetKey key, String why) {}

  /**
   * A deploy job that failed with its retries exhausted blocks its version in that environment
   * (DOMAIN.md section 8), so the targets already on it roll back. Returns whether it blocked any.
   */
  private boolean blockExhausted(World w, List<Decision> decisions, RunLog runLog) {
    List<ExhaustedBlock> blocks = new ArrayList<>();
    for (Decision d : decisions) {
      if (d.desiredVersion() == null || d.desiredVersion().equals(d.currentVersion())) {
        continue;
      }
      RuleResult retry = d.jobGates().stream().filter(r -> r.type().equals("retry") && r.verdict() == Verdict.DENIED)
          .findFirst().orElse(null);
      if (retry == null) {
        continue;
      }
      TargetFact t = w.target(d.key().toString());
      Version v = w.version(d.key().deployment(), d.desiredVersion());
      List<JobFact> history = w.index.jobs(t.id());
      JobFact last = history.isEmpty() ? null : history.get(history.size() - 1);
      if (last != null && last.versionId() == v.id() && last.kind().equals("deploy") && FAILED.contains(last.status())) {
        blocks.add(new ExhaustedBlock(v, d.key(), retry.reason()));
      }
    }
    if (blocks.isEmpty()) {
      return false;
    }
    List<RolloutEvent> events = new ArrayList<>();
    Instant now = clock.instant();
    boolean any = store.write(actor, now, tx -> {
      boolean wrote = false;
      for (ExhaustedBlock b : blocks) {
        Version v = b.version();
        TargetKey key = b.key();
        String reason = "deploy failed on " + key + ": " + b.why();
        if (tx.blockVersion(v, key.environment(), reason, false)) {
          wrote = true;
          runLog.failed(reason);
          events.add(new RolloutEvent(now, "version.blocked", key.toString(), v.tag(), null, null,
              v.tag() + " blocked in " + key.environment() + ": " + b.why()));
        }
      }
      return wrote;
    });
    events.forEach(listener::event);
    return any;
  }

  /** Stores the desired versions that changed since the last tick (what `get targets` shows). */
  private void recordDesired(World w, List<Decision> decisions, Map<Long, Long> recorded) {
    Map<Long, Long> changed = new HashMap<>();
    for (Decision d : decisions) {
      TargetFact t = w.target(d.key().toString());
      Version v = d.desiredVersion() == null ? null : w.version(d.key().deployment(), d.desiredVersion());
      Long id = v == null ? null : v.id();
      if (!recorded.containsKey(t.id()) || !java.util.Objects.equals(recorded.get(t.id()), id)) {
        changed.put(t.id(), id);
      }
    }
    if (!changed.isEmpty()) {
      store.write(actor, clock.instant(), tx -> {
        tx.recordDesired(changed);
        return null;
      });
      recorded.putAll(changed);
    }
  }

  /** The earliest instant at which the loop has something to do by itself, or null (watch: nothing). */
  private static Instant due(Instant now, Tick tick, Instant poll, Instant measure, Instant deadline) {
    Instant due = null;
    for (Instant at : new Instant[] {poll, measure, tick.nextEvaluation(), deadline}) {
      if (at != null && (due == null || at.isBefore(due))) {
        due = at;
      }
    }
    Instant floor = now.plusMillis(20);
    return due != null && due.isBefore(floor) ? floor : due;
  }

  /**
   * Sleeps until `due`, looking every few seconds whether someone else changed the state (every
   * change appends an event; lease renewals do not), so a new version or an approval is acted
   * on at once while an idle loop costs one indexed query per look.
   */
  private void waitForWork(Instant due) throws InterruptedException {
    long seen = store.lastEventSeq();
    while (true) {
      Instant now = clock.instant();
      if (due != null && !now.isBefore(due)) {
        return;
      }
      Instant wake = now.plus(RECHECK);
      sleepUntil(now, due != null && due.isBefore(wake) ? due : wake);
      if (stopping || store.lastEventSeq() != seen) {
        return;
      }
    }
  }

  private void sleepUntil(Instant now, Instant wake) throws InterruptedException {
    sleepingThread = Thread.currentThread();
    try {
      if (stopping) {
        throw new InterruptedException();
      }
      sleeper.sleep(Duration.between(now, wake));
    } finally {
      sleepingThread = null;
      Thread.interrupted(); // an interrupt meant for the sleep must not reach the next store call
    }
  }

  private RolloutResult stopped() {
    listener.event(new RolloutEvent(clock.instant(), "rollout.stopped", null, null, null, null,
        "interrupted: leases released; jobs still running are picked up by the next rollout"));
    return new RolloutResult(ExitCode.INTERRUPTED, "interrupted");
  }

  private RolloutResult finish(RunLog runLog, int code, Tick tick) {
    int exit = runLog.anyFailed() ? ExitCode.FAILURE : code;
    String summary = switch (exit) {
      case ExitCode.OK -> !runLog.rollbackIsFailure && runLog.rollbacks > 0
          ? "rolled back: " + tick.count("rolled-back") + " of " + tick.rows().size() + " targets ("
              + runLog.rollbacks + " rollback jobs)"
          : "converged: " + (tick.count("done") + tick.count("rolled-back")) + " of " + tick.rows().size()
              + " targets on their version" + (runLog.dispatched > 0 ? " (" + runLog.dispatched + " jobs)" : "");
      case ExitCode.FAILURE -> "failed: " + String.join("; ", runLog.failures().stream().limit(5).toList())
          + (runLog.failures().size() > 5 ? "; and " + (runLog.failures().size() - 5) + " more" : "")
          + (runLog.rollbacks > 0 ? " (" + runLog.rollbacks + " rollback jobs)" : "");
      case ExitCode.WAITING -> "waiting: " + tick.waitingSummary();
      default -> "deadline passed with " + tick.activeCount() + " targets still in progress";
    };
    listener.event(new RolloutEvent(clock.instant(), "rollout.done", null, null, null, Integer.toString(exit), summary));
    return new RolloutResult(exit, summary);
  }
}
