package dev.ctrl.rollout;

import dev.ctrl.engine.Measurement;
import dev.ctrl.engine.MetricJudge;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.engine.VerificationSpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import dev.ctrl.store.VerificationRecord;
import dev.ctrl.verify.MeasurementTaker;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the verifications of succeeded deploy jobs inline in the loop (DOMAIN.md section 7): each
 * metric is measured at its interval, every measurement is stored as it is taken (a restarted
 * loop resumes where it stopped), and MetricJudge decides. A failed verification blocks the
 * version in the target's environment, which the engine turns into rollbacks (or, with
 * onFailure: halt, into a stop for a person).
 */
final class VerificationRunner {
  private record Due(VerificationRecord run, JobRecord job, MetricSpec metric, JobContext context) {}

  private final Store store;
  private final Providers providers;
  private final MeasurementTaker taker;
  private final Clock clock;
  private final String actor;
  private final RolloutListener listener;
  private final Parallel parallel;
  private final RunLog runLog;
  /** Per job: "healthy 1/2" style progress of its running verification, for the live view. */
  final Map<String, String> progress = new HashMap<>();
  private Instant nextDue;

  VerificationRunner(Store store, Providers providers, MeasurementTaker taker, Clock clock, String actor,
      RolloutListener listener, Parallel parallel, RunLog runLog) {
    this.store = store;
    this.providers = providers;
    this.taker = taker;
    this.clock = clock;
    this.actor = actor;
    this.listener = listener;
    this.parallel = parallel;
    this.runLog = runLog;
  }

  /** When the next measurement of a running verification is due, or null. */
  Instant nextDue() {
    return nextDue;
  }

  /**
   * Takes the measurements that are due, records them and ends the verifications they decide.
   * Returns whether it wrote anything (the loop then reads the state again).
   */
  boolean run(World w, Predicate<TargetKey> inScope, Instant now) {
    nextDue = null;
    progress.clear();
    List<VerificationRecord> runs = store.verifications(null);
    if (runs.isEmpty()) {
      return false;
    }
    Map<String, JobRecord> jobs = new HashMap<>();
    store.jobs(runs.stream().map(VerificationRecord::jobId).toList()).forEach(j -> jobs.put(j.id(), j));
    List<Open> open = new ArrayList<>();
    List<Due> due = new ArrayList<>();
    for (VerificationRecord run : runs) {
      JobRecord job = jobs.get(run.jobId());
      if (job == null || !inScope.test(TargetKey.parse(job.targetKey()))) {
        continue;
      }
      TargetFact t = w.target(job.targetKey());
      Open o = new Open(run, job, t == null ? null : w.verification(t));
      open.add(o);
      JobContext ctx = w.context(TargetKey.parse(job.targetKey()), w.version(job.deployment(), job.tag()), job.id(),
          job.kind(), job.attempt());
      for (String name : run.metrics()) {
        MetricSpec m = o.metric(name);
        if (m == null || ctx == null) {
          continue; // no longer declared: judged as passed below
        }
        List<Measurement> taken = measurements(run, name);
        if (MetricJudge.judge(m, taken).outcome() != MetricJudge.Outcome.RUNNING) {
          continue;
        }
        Instant at = taken.isEmpty() ? run.startedAt().plus(Providers.firstDelay(m.provider()))
            : taken.get(taken.size() - 1).at().plus(m.interval());
        if (!at.isAfter(now)) {
          due.add(new Due(run, job, m, ctx));
        } else if (nextDue == null || at.isBefore(nextDue)) {
          nextDue = at;
        }
      }
    }
    List<MeasurementTaker.Taken> results = parallel.map(due, d -> {
      Instant at = clock.instant();
      try {
        MetricProvider p = providers.provider(d.metric().provider(), d.context());
        return taker.take(d.metric(), p, d.context().variables(), at);
      } catch (ProviderException e) {
        return new MeasurementTaker.Taken(new Measurement(d.metric().name(), Measurement.Kind.ERROR, at,
            e.getMessage()), "{}");
      }
    });
    Map<Long, List<Measurement>> fresh = new HashMap<>();
    for (int i = 0; i < due.size(); i++) {
      fresh.computeIfAbsent(due.get(i).run().id(), k -> new ArrayList<>()).add(results.get(i).measurement());
    }
    List<Ending> endings = new ArrayList<>();
    for (Open o : open) {
      Ending e = judge(o, fresh.getOrDefault(o.run().id(), List.of()));
      if (e != null) {
        endings.add(e);
      }
    }
    if (due.isEmpty() && endings.isEmpty()) {
      return false; // nothing measured, nothing decided: no transaction
    }
    List<RolloutEvent> events = new ArrayList<>();
    Instant at = clock.instant();
    store.write(actor, at, tx -> {
      for (int i = 0; i < due.size(); i++) {
        Due d = due.get(i);
        Measurement m = results.get(i).measurement();
        tx.addMeasurement(d.run().id(), d.job().id(), m.metric(), m.kind().wire(), results.get(i).resultJson(),
            m.message());
        events.add(new RolloutEvent(at, "verification.measured", d.job().targetKey(), d.job().tag(), d.job().id(),
            m.kind().wire(), m.metric() + (m.message() == null ? "" : ": " + m.message())));
      }
      for (Ending e : endings) {
        JobRecord job = e.job();
        String status = e.passed() ? "passed" : "failed";
        tx.finishVerification(e.run().id(), job.id(), status, e.message());
        events.add(new RolloutEvent(at, "verification." + status, job.targetKey(), job.tag(), job.id(), status,
            e.message()));
        if (!e.passed()) {
          boolean halt = e.run().onFailure().equals("halt");
          Version v = w.version(job.deployment(), job.tag());
          String env = TargetKey.parse(job.targetKey()).environment();
          String reason = "verification failed on " + job.targetKey() + ": " + e.message();
          runLog.failed(reason);
          if (v != null && tx.blockVersion(v, env, reason, halt)) {
            events.add(new RolloutEvent(at, "version.blocked", job.targetKey(), job.tag(), job.id(), null,
                job.tag() + " blocked in " + env + (halt ? " (onFailure: halt, nothing rolled back)" : "; rolling back")));
          }
        }
      }
      return null;
    });
    events.forEach(listener::event);
    if (!due.isEmpty() && nextDue == null) {
      nextDue = clock.instant(); // look again right away: the next interval is computed from the new records
    }
    return true;
  }

  /** A running verification in scope, with the metrics that apply to its target now. */
  private record Open(VerificationRecord run, JobRecord job, VerificationSpec spec) {
    MetricSpec metric(String name) {
      return spec == null ? null : spec.metric(name);
    }
  }

  /** A verification that its measurements decided: passed, or failed with the first failing metric's reason. */
  private record Ending(VerificationRecord run, JobRecord job, boolean passed, String message) {}

  /** Judges a verification on its stored and fresh measurements; null while it runs (its progress is kept). */
  private Ending judge(Open o, List<Measurement> fresh) {
    List<MetricJudge.State> states = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    String failure = null;
    for (String name : o.run().metrics()) {
      MetricSpec m = o.metric(name);
      if (m == null) {
        states.add(new MetricJudge.State(MetricJudge.Outcome.PASSED, 0, 0, "no longer declared"));
        continue;
      }
      List<Measurement> all = new ArrayList<>(measurements(o.run(), name));
      fresh.stream().filter(x -> x.metric().equals(name)).forEach(all::add);
      MetricJudge.State s = MetricJudge.judge(m, all);
      states.add(s);
      boolean waiting = !all.isEmpty() && all.get(all.size() - 1).kind() == Measurement.Kind.NO_DATA
          && m.onNoData() == MetricSpec.OnNoData.WAIT;
      parts.add(name + " " + s.judged() + "/" + m.count() + (waiting ? " (no data yet)" : ""));
      if (s.outcome() == MetricJudge.Outcome.FAILED && failure == null) {
        failure = name + ": " + s.reason();
      }
    }
    MetricJudge.Outcome outcome = MetricJudge.verification(states);
    if (outcome == MetricJudge.Outcome.RUNNING) {
      progress.put(o.job().id(), String.join(", ", parts));
      return null;
    }
    boolean passed = outcome == MetricJudge.Outcome.PASSED;
    return new Ending(o.run(), o.job(), passed, passed ? "all metrics passed" : failure);
  }

  private static List<Measurement> measurements(VerificationRecord run, String metric) {
    List<Measurement> out = new ArrayList<>();
    for (VerificationRecord.MeasurementRecord m : run.measurements()) {
      if (m.metric().equals(metric)) {
        out.add(new Measurement(metric, kind(m.verdict()), m.at(), m.error()));
      }
    }
    return out;
  }

  private static Measurement.Kind kind(String verdict) {
    for (Measurement.Kind k : Measurement.Kind.values()) {
      if (k.wire().equals(verdict)) {
        return k;
      }
    }
    return Measurement.Kind.ERROR;
  }
}
