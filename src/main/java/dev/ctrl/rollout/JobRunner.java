package dev.ctrl.rollout;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.Dispatched;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.engine.Action;
import dev.ctrl.engine.Decision;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.engine.VerificationSpec;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Creates, dispatches, recovers and polls jobs. The crash-safety rule (DOMAIN.md section 7): a
 * job row is committed, marked dispatching, before its agent is called, and the agent's reference
 * is committed right after; a job found still marked is recovered with find(jobId), and only
 * dispatched when the agent has no run for it, so no job id ever reaches an agent twice.
 */
final class JobRunner {
  /** One job to dispatch: its row and its context. */
  private record Planned(JobRecord job, JobContext context, AgentDecl agent) {}

  /** What a dispatch or poll came back with. */
  private record Outcome(String jobId, String ref, JobStatus status, String message, Map<String, String> links,
      boolean retryLater) {}

  private final Store store;
  private final Agents agents;
  private final Clock clock;
  private final String actor;
  private final RolloutListener listener;
  private final Parallel parallel;
  private final RunLog runLog;
  private final Supplier<String> idSource;
  private final Map<String, Instant> nextPoll = new HashMap<>();
  /** In-flight jobs whose configuration's secrets the redactors already know (see Agents.learnSecrets). */
  private final java.util.Set<String> secretsLearned = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Jobs left dispatching by a retryable failure: when to ask their agent again (find first). */
  private final Map<String, Instant> redispatch = new HashMap<>();
  /** Set when a job ended at its dispatch in this tick: the loop decides again at once. */
  private Instant decideAgain;

  JobRunner(Store store, Agents agents, Clock clock, String actor, RolloutListener listener, Parallel parallel,
      RunLog runLog, Supplier<String> idSource) {
    this.store = store;
    this.agents = agents;
    this.clock = clock;
    this.actor = actor;
    this.listener = listener;
    this.parallel = parallel;
    this.runLog = runLog;
    this.idSource = idSource == null ? () -> UUID.randomUUID().toString() : idSource;
  }

  /**
   * The earliest instant a job in flight should be polled again, a failed dispatch retried, or
   * (after a job ended at its dispatch) the next tick decide; null when none is due.
   */
  Instant nextPollDue() {
    return java.util.stream.Stream.concat(java.util.stream.Stream.concat(nextPoll.values().stream(),
        redispatch.values().stream()), java.util.stream.Stream.ofNullable(decideAgain))
        .min(Instant::compareTo).orElse(null);
  }

  /**
   * Jobs whose dispatch outcome was never recorded (the loop died between the two commits): the
   * agent's find(jobId) tells whether the run exists; if it does, its reference is recorded; if
   * the agent has no run for the job, the job is dispatched now, for the first time.
   */
  int recover(World w, Predicate<TargetKey> inScope) {
    decideAgain = null; // a new tick
    List<Planned> lost = new ArrayList<>();
    List<JobRecord> dispatching = store.dispatchingJobs();
    // a job that stopped dispatching otherwise (cancelled meanwhile) is not retried
    redispatch.keySet().retainAll(dispatching.stream().map(JobRecord::id).collect(java.util.stream.Collectors.toSet()));
    Instant now = clock.instant();
    for (JobRecord j : dispatching) {
      TargetKey key = TargetKey.parse(j.targetKey());
      Instant retryAt = redispatch.get(j.id());
      if (!inScope.test(key) || (retryAt != null && retryAt.isAfter(now))) {
        continue; // a failed dispatch is retried at its time, not at every tick polling other jobs
      }
      Version v = w.version(j.deployment(), j.tag());
      lost.add(new Planned(j, w.context(key, v, j.id(), j.kind(), j.attempt()), w.agents.get(j.agent())));
    }
    if (lost.isEmpty()) {
      return 0;
    }
    List<Outcome> outcomes = parallel.map(lost, p -> {
      // the job's own request when it can still be built: its configuration says where the run is
      Object prepared = prepare(p);
      JobAgent agent = p.agent() == null ? null : agents.agent(p.agent());
      if (agent != null) {
        try {
          var found = prepared instanceof DispatchRequest request ? agent.find(request) : agent.find(p.job().id());
          if (found.isPresent()) {
            return new Outcome(p.job().id(), found.get(), null, "recovered after a restart", Map.of(), false);
          }
        } catch (AgentException e) {
          return new Outcome(p.job().id(), null, null, "finding the run failed: " + e.getMessage(), Map.of(), true);
        }
      }
      // no run for it: dispatched now, with the request already built (no agent: prepare() ended it)
      return prepared instanceof Outcome o ? o
          : outcome(p.job().id(), agent.dispatchAll(List.of((DispatchRequest) prepared)).get(0));
    });
    record(outcomes, lost, "job.recovered");
    return lost.size();
  }

  /** Creates the jobs the decisions call for (one transaction), dispatches them, records the references. */
  List<JobRecord> start(World w, List<Decision> decisions) {
    List<Decision> acting = decisions.stream()
        .filter(d -> d.action() == Action.DEPLOY || d.action() == Action.ROLLBACK).toList();
    if (acting.isEmpty()) {
      return List.of();
    }
    List<Planned> planned = store.write(actor, clock.instant(), tx -> {
      List<Planned> out = new ArrayList<>();
      for (Decision d : acting) {
        TargetFact t = w.target(d.key().toString());
        Version v = w.version(d.key().deployment(), d.desiredVersion());
        String kind = d.action() == Action.ROLLBACK ? "rollback" : "deploy";
        int attempt = 1;
        for (JobFact j : w.index.jobs(t.id())) {
          if (j.versionId() == v.id() && j.kind().equals(kind)) {
            attempt++;
          }
        }
        String agentName = w.index.deployment(d.key().deployment()).agent();
        String id = idSource.get();
        JobRecord job = tx.createJob(id, t.id(), v, "{}", agentName == null ? "" : agentName, kind, attempt);
        out.add(new Planned(job, w.context(d.key(), v, id, kind, attempt), agentName == null ? null
            : w.agents.get(agentName)));
      }
      return out;
    });
    for (Planned p : planned) {
      JobRecord j = p.job();
      if (j.kind().equals("rollback")) {
        runLog.rollbacks++;
      }
      listener.event(new RolloutEvent(clock.instant(), j.kind().equals("rollback") ? "rollback.started" : "job.created",
          j.targetKey(), j.tag(), j.id(), "pending", (j.kind().equals("rollback") ? "rolling back to " : "deploying ")
              + j.tag() + (j.attempt() > 1 ? " (attempt " + j.attempt() + ")" : "")));
    }
    List<Outcome> outcomes = dispatchAll(planned);
    record(outcomes, planned, "job.dispatched");
    runLog.dispatched += planned.size();
    return planned.stream().map(Planned::job).toList();
  }

  /** Jobs that go to one agent in one call: positions in the tick's list of planned jobs. */
  private record Batch(JobAgent agent, List<Integer> indexes) {}

  /** Jobs per agent call when an agent starts batches (the exec agent: one shell per batch). */
  private static final int BATCH = 25;

  /**
   * Dispatches a tick's jobs: each job's request is built (templates, secrets) on its own, then
   * the jobs go to their agent in batches, the batches in parallel.
   */
  private List<Outcome> dispatchAll(List<Planned> planned) {
    Outcome[] out = new Outcome[planned.size()];
    java.util.Map<JobAgent, List<Integer>> byAgent = new java.util.LinkedHashMap<>();
    List<DispatchRequest> requests = new ArrayList<>(java.util.Collections.nCopies(planned.size(), null));
    for (int i = 0; i < planned.size(); i++) {
      Planned p = planned.get(i);
      Object prepared = prepare(p);
      if (prepared instanceof Outcome o) {
        out[i] = o;
      } else {
        requests.set(i, (DispatchRequest) prepared);
        byAgent.computeIfAbsent(agents.agent(p.agent()), k -> new ArrayList<>()).add(i);
      }
    }
    List<Batch> batches = new ArrayList<>();
    byAgent.forEach((agent, indexes) -> {
      for (int from = 0; from < indexes.size(); from += BATCH) {
        batches.add(new Batch(agent, indexes.subList(from, Math.min(indexes.size(), from + BATCH))));
      }
    });
    List<List<Dispatched>> results = parallel.map(batches,
        b -> b.agent().dispatchAll(b.indexes().stream().map(requests::get).toList()));
    for (int b = 0; b < batches.size(); b++) {
      List<Integer> indexes = batches.get(b).indexes();
      for (int k = 0; k < indexes.size(); k++) {
        out[indexes.get(k)] = outcome(planned.get(indexes.get(k)).job().id(), results.get(b).get(k));
      }
    }
    return List.of(out);
  }

  private static Outcome outcome(String id, Dispatched d) {
    if (d.ref() != null) {
      return new Outcome(id, d.ref(), null, null, Map.of(), false);
    }
    AgentException e = d.error();
    // a retryable failure leaves the job marked dispatching: the next tick asks find() first
    return e.retryable() ? new Outcome(id, null, null, e.getMessage(), Map.of(), true)
        : new Outcome(id, null, JobStatus.INVALID_INTEGRATION, e.getMessage(), Map.of(), false);
  }

  /** The request for a job, or the outcome that ends it before any agent is asked. */
  private Object prepare(Planned p) {
    String id = p.job().id();
    if (p.agent() == null) {
      String msg = p.job().agent().isEmpty()
          ? "deployment " + p.job().deployment() + " names no agent"
          : "agent " + p.job().agent() + " is not declared";
      return new Outcome(id, null, JobStatus.INVALID_JOB_AGENT, msg, Map.of(), false);
    }
    if (p.context() == null) {
      return new Outcome(id, null, JobStatus.INVALID_JOB_AGENT, "the target's deployment, environment, resource or "
          + "version is no longer declared", Map.of(), false);
    }
    if (agents.agent(p.agent()) == null) {
      return new Outcome(id, null, JobStatus.INVALID_JOB_AGENT, Agents.unavailable(p.agent().kind()),
          Map.of(), false);
    }
    try {
      return agents.request(p.agent(),
          ConfigMerge.forJob(p.agent(), p.context().deployment(), p.context().version()), p.context());
    } catch (ExecRequests.InvalidConfig e) {
      return new Outcome(id, null, JobStatus.INVALID_JOB_AGENT, "agent " + p.agent().name() + ": " + e.getMessage(),
          Map.of(), false);
    }
  }

  private void record(List<Outcome> outcomes, List<Planned> planned, String kind) {
    Instant now = clock.instant();
    store.write(actor, now, tx -> {
      for (Outcome o : outcomes) {
        if (o.ref() != null) {
          tx.recordDispatch(o.jobId(), o.ref());
        } else if (o.status() != null) {
          tx.updateJob(o.jobId(), o.status(), o.message(), o.links());
        }
      }
      return null;
    });
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      JobRecord j = planned.get(i).job();
      redispatch.remove(o.jobId());
      if (o.ref() != null) {
        nextPoll.put(o.jobId(), now);
        listener.event(new RolloutEvent(now, kind, j.targetKey(), j.tag(), j.id(), "pending",
            o.message() != null ? o.message() : "dispatched to " + j.agent()));
      } else if (o.status() != null) {
        decideAgain = now;
        runLog.jobFailed(j.targetKey() + ": " + o.message());
        listener.event(new RolloutEvent(now, "job.status", j.targetKey(), j.tag(), j.id(), o.status().wire(),
            o.message()));
      } else {
        AgentDecl decl = planned.get(i).agent();
        redispatch.put(o.jobId(), now.plus(decl == null ? Duration.ofSeconds(10) : agents.pollInterval(decl)));
        listener.event(new RolloutEvent(now, "job.status", j.targetKey(), j.tag(), j.id(), "pending",
            "dispatch will be retried: " + o.message()));
      }
    }
  }

  /**
   * Polls the jobs in flight whose poll is due and records what changed, in one transaction. A
   * deploy job that succeeded starts its verification in the same transaction, so a restart never
   * sees a succeeded job that should have been verified but is not. Returns the jobs that ended.
   */
  List<JobRecord> poll(World w, Predicate<TargetKey> inScope, Instant now) {
    List<JobRecord> due = new ArrayList<>();
    List<JobRecord> inFlight = store.inFlightJobs();
    // a job that ended otherwise (`ctrl job cancel`, `job update`) is polled no more: a stale
    // entry would keep nextPollDue() in the past and the loop ticking without pause
    java.util.Set<String> inFlightIds = inFlight.stream().map(JobRecord::id).collect(java.util.stream.Collectors.toSet());
    nextPoll.keySet().retainAll(inFlightIds);
    secretsLearned.retainAll(inFlightIds);
    for (JobRecord j : inFlight) {
      if (!inScope.test(TargetKey.parse(j.targetKey()))) {
        continue;
      }
      Instant at = nextPoll.get(j.id());
      if (at == null || !at.isAfter(now)) {
        due.add(j);
      }
    }
    if (due.isEmpty()) {
      return List.of();
    }
    List<Outcome> outcomes = parallel.map(due, j -> {
      AgentDecl decl = w.agents.get(j.agent());
      JobAgent agent = decl == null ? null : agents.agent(decl);
      if (agent == null) {
        return new Outcome(j.id(), null, JobStatus.INVALID_JOB_AGENT, decl == null
            ? "agent " + j.agent() + " is no longer declared" : Agents.unavailable(decl.kind()), Map.of(),
            false);
      }
      if (secretsLearned.add(j.id())) {
        agents.learnSecrets(ConfigMerge.forJob(decl, w.index.deployment(j.deployment()),
            w.version(j.deployment(), j.tag())));
      }
      try {
        PollResult r = agent.poll(j.externalId());
        return new Outcome(j.id(), null, r.status(), r.message(), r.links(), false);
      } catch (AgentException e) {
        return e.retryable() ? new Outcome(j.id(), null, null, e.getMessage(), Map.of(), true)
            : new Outcome(j.id(), null, JobStatus.INVALID_INTEGRATION, e.getMessage(), Map.of(), false);
      }
    });
    List<JobRecord> ended = new ArrayList<>();
    List<RolloutEvent> events = new ArrayList<>();
    Instant at = clock.instant();
    store.write(actor, at, tx -> {
      for (int i = 0; i < due.size(); i++) {
        JobRecord j = due.get(i);
        Outcome o = outcomes.get(i);
        if (o.status() == null || (o.status().wire().equals(j.status()) && o.links().isEmpty())) {
          continue; // unchanged, or the system could not be asked this time
        }
        if (!tx.updateJob(j.id(), o.status(), o.message(), o.links())) {
          continue; // someone recorded its end first (job update, job cancel)
        }
        events.add(new RolloutEvent(at, "job.status", j.targetKey(), j.tag(), j.id(), o.status().wire(), o.message()));
        if (!o.status().terminal()) {
          continue;
        }
        ended.add(j);
        if (o.status() == JobStatus.SUCCESSFUL && j.kind().equals("deploy")) {
          TargetFact t = w.target(j.targetKey());
          VerificationSpec spec = t == null ? null : w.verification(t);
          if (spec != null) {
            List<String> names = spec.metrics().stream().map(MetricSpec::name).toList();
            tx.startVerification(j.id(), spec.halt() ? "halt" : "rollback", names);
            events.add(new RolloutEvent(at, "verification.started", j.targetKey(), j.tag(), j.id(), "running",
                "checking " + String.join(", ", names)));
          }
        }
      }
      return null;
    });
    for (int i = 0; i < due.size(); i++) {
      JobRecord j = due.get(i);
      Outcome o = outcomes.get(i);
      if (o.status() != null && o.status().terminal()) {
        nextPoll.remove(j.id());
        if (o.status() == JobStatus.SUCCESSFUL) {
          runLog.succeeded++;
        } else {
          runLog.jobFailed(j.targetKey() + ": " + j.kind() + " job " + j.id() + " ended " + o.status().wire()
              + (o.message() == null ? "" : ": " + o.message()));
        }
      } else {
        AgentDecl decl = w.agents.get(j.agent());
        nextPoll.put(j.id(), at.plus(decl == null ? Duration.ofSeconds(10) : agents.pollInterval(decl)));
        if (o.retryLater()) {
          events.add(new RolloutEvent(at, "job.status", j.targetKey(), j.tag(), j.id(), j.status(),
              "polling failed, trying again: " + o.message()));
        }
      }
    }
    events.forEach(listener::event);
    return ended;
  }
}
