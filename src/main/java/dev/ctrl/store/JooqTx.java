package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.APPROVALS;
import static dev.ctrl.store.generated.Tables.JOBS;
import static dev.ctrl.store.generated.Tables.JOB_LINKS;
import static dev.ctrl.store.generated.Tables.LEASES;
import static dev.ctrl.store.generated.Tables.RELEASES;
import static dev.ctrl.store.generated.Tables.POLICY_SKIPS;
import static dev.ctrl.store.generated.Tables.RELEASE_TARGETS;
import static dev.ctrl.store.generated.Tables.VERIFICATION_MEASUREMENTS;
import static dev.ctrl.store.generated.Tables.VERIFICATION_RUNS;
import static dev.ctrl.store.generated.Tables.VERSIONS;
import static dev.ctrl.store.generated.Tables.VERSION_BLOCKS;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.Declared;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;

/** One write transaction; every change appends its event. */
final class JooqTx extends QueryDelegate implements StoreTx {
  private final DSLContext ctx;
  private final String actor;
  private final long now;
  private final EventLog log;

  JooqTx(DSLContext ctx, Queries queries, Connection conn, String actor, Instant now) {
    super(queries);
    this.ctx = ctx;
    this.log = new EventLog(conn);
    this.actor = actor;
    this.now = now.toEpochMilli();
  }

  @Override
  public Change putObject(Declared spec, String specJson, String source) {
    DeclaredTables.Columns c = DeclaredTables.of(spec.type());
    Optional<StoredObject> existing = queries().object(spec.type(), spec.id());
    if (existing.isPresent() && existing.get().specJson().equals(specJson)) {
      return Change.UNCHANGED;
    }
    Map<Field<?>, Object> values = new LinkedHashMap<>(DeclaredTables.columns(spec.type(), specJson));
    values.put(c.spec(), specJson);
    values.put(c.source(), source);
    values.put(c.updatedAt(), now);
    if (existing.isPresent()) {
      ctx.update(c.table()).set(values).where(c.id().eq(spec.id())).execute();
    } else {
      values.put(c.id(), spec.id());
      values.put(c.createdAt(), now);
      ctx.insertInto(c.table()).set(values).execute();
    }
    Change change = existing.isPresent() ? Change.UPDATED : Change.CREATED;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("spec", JsonText.parse(specJson));
    if (source != null) {
      detail.put("source", source);
    }
    event(spec.type().singular() + "." + change.word(), subject(spec.type(), spec.id()), detail);
    return change;
  }

  @Override
  public void deleteObject(ObjectType type, String id) {
    DeclaredTables.Columns c = DeclaredTables.of(type);
    int n = ctx.deleteFrom(c.table()).where(c.id().eq(id)).execute();
    if (n > 0) {
      event(type.singular() + ".deleted", subject(type, id), Map.of());
    }
  }

  static String subject(ObjectType type, String id) {
    return type.singular() + "/" + id;
  }

  @Override
  public TargetSync syncTargets(Collection<TargetKey> keys) {
    Map<String, TargetKey> wanted = new LinkedHashMap<>();
    for (TargetKey k : keys) {
      wanted.put(k.toString(), k);
    }
    Map<String, Long> active = new HashMap<>();
    Map<String, Long> removed = new HashMap<>();
    ctx.select(RELEASE_TARGETS.TARGET_KEY, RELEASE_TARGETS.ID, RELEASE_TARGETS.REMOVED_AT)
        .from(RELEASE_TARGETS)
        .forEach(r -> (r.value3() == null ? active : removed).put(r.value1(), r.value2()));
    List<TargetKey> added = new ArrayList<>();
    List<TargetKey> gone = new ArrayList<>();
    List<Object[]> inserts = new ArrayList<>();
    for (Map.Entry<String, TargetKey> e : wanted.entrySet()) {
      if (active.containsKey(e.getKey())) {
        continue;
      }
      TargetKey k = e.getValue();
      if (removed.containsKey(e.getKey())) {
        ctx.update(RELEASE_TARGETS).setNull(RELEASE_TARGETS.REMOVED_AT)
            .where(RELEASE_TARGETS.ID.eq(removed.get(e.getKey()))).execute();
      } else {
        inserts.add(new Object[] {e.getKey(), k.deployment(), k.environment(), k.resource(), now});
      }
      added.add(k);
      event("target.added", "target/" + e.getKey(), Map.of());
    }
    for (int from = 0; from < inserts.size(); from += 1000) {
      var batch = ctx.batch(ctx.insertInto(RELEASE_TARGETS, RELEASE_TARGETS.TARGET_KEY, RELEASE_TARGETS.DEPLOYMENT,
          RELEASE_TARGETS.ENVIRONMENT, RELEASE_TARGETS.RESOURCE, RELEASE_TARGETS.CREATED_AT)
          .values((String) null, null, null, null, null));
      for (Object[] row : inserts.subList(from, Math.min(inserts.size(), from + 1000))) {
        batch.bind(row);
      }
      batch.execute();
    }
    Set<String> stale = new HashSet<>(active.keySet());
    stale.removeAll(wanted.keySet());
    for (String key : stale.stream().sorted().toList()) {
      ctx.update(RELEASE_TARGETS).set(RELEASE_TARGETS.REMOVED_AT, now)
          .where(RELEASE_TARGETS.ID.eq(active.get(key))).execute();
      gone.add(TargetKey.parse(key));
      event("target.removed", "target/" + key, Map.of());
    }
    return new TargetSync(added, gone);
  }

  @Override
  public Version setVersionStatus(Version v, VersionStatus status) {
    if (v.status() == status) {
      return v;
    }
    ctx.update(VERSIONS).set(VERSIONS.STATUS, status.wire()).set(VERSIONS.UPDATED_AT, now)
        .where(VERSIONS.ID.eq(v.id())).execute();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("from", v.status().wire());
    detail.put("to", status.wire());
    event("version.status", "version/" + v.deployment() + "/" + v.tag(), detail);
    return queries().version(v.deployment(), v.tag()).orElseThrow();
  }

  @Override
  public void putApproval(Version version, String environment, String approver, boolean approved, String reason) {
    String decision = approved ? "approved" : "rejected";
    ctx.insertInto(APPROVALS)
        .set(APPROVALS.VERSION_ID, version.id())
        .set(APPROVALS.ENVIRONMENT, environment)
        .set(APPROVALS.APPROVER, approver)
        .set(APPROVALS.DECISION, decision)
        .set(APPROVALS.REASON, reason)
        .set(APPROVALS.DECIDED_AT, now)
        .onConflict(APPROVALS.VERSION_ID, APPROVALS.ENVIRONMENT, APPROVALS.APPROVER)
        .doUpdate()
        .set(APPROVALS.DECISION, decision)
        .set(APPROVALS.REASON, reason)
        .set(APPROVALS.DECIDED_AT, now)
        .execute();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("environment", environment);
    detail.put("approver", approver);
    if (reason != null) {
      detail.put("reason", reason);
    }
    event("version." + decision, "version/" + version.deployment() + "/" + version.tag(), detail);
  }

  @Override
  public void addSkip(String policy, int ruleNumber, Version version, String environment, String resource, String reason,
      Instant expiresAt) {
    ctx.insertInto(POLICY_SKIPS)
        .set(POLICY_SKIPS.POLICY, policy)
        .set(POLICY_SKIPS.RULE_NUMBER, (long) ruleNumber)
        .set(POLICY_SKIPS.VERSION_ID, version.id())
        .set(POLICY_SKIPS.ENVIRONMENT, environment)
        .set(POLICY_SKIPS.RESOURCE, resource)
        .set(POLICY_SKIPS.REASON, reason)
        .set(POLICY_SKIPS.ACTOR, actor)
        .set(POLICY_SKIPS.CREATED_AT, now)
        .set(POLICY_SKIPS.EXPIRES_AT, expiresAt == null ? null : expiresAt.toEpochMilli())
        .execute();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("policy", policy);
    detail.put("rule", ruleNumber);
    detail.put("environment", environment);
    detail.put("resource", resource);
    detail.put("reason", reason);
    detail.put("expiresAt", expiresAt);
    event("policy.skipped", "version/" + version.deployment() + "/" + version.tag(), detail);
  }

  @Override
  public JobRecord createJob(String jobId, long targetId, Version version, String variablesJson, String agent,
      String kind, int attempt) {
    Long releaseId = ctx.select(RELEASES.ID).from(RELEASES)
        .where(RELEASES.TARGET_ID.eq(targetId).and(RELEASES.VERSION_ID.eq(version.id()))
            .and(RELEASES.VARIABLES.eq(variablesJson)))
        .fetchOne(RELEASES.ID);
    if (releaseId == null) {
      releaseId = ctx.insertInto(RELEASES)
          .set(RELEASES.TARGET_ID, targetId)
          .set(RELEASES.VERSION_ID, version.id())
          .set(RELEASES.VARIABLES, variablesJson)
          .set(RELEASES.CREATED_AT, now)
          .returning(RELEASES.ID)
          .fetchOne(RELEASES.ID);
    }
    ctx.insertInto(JOBS)
        .set(JOBS.ID, jobId)
        .set(JOBS.RELEASE_ID, releaseId)
        .set(JOBS.TARGET_ID, targetId)
        .set(JOBS.AGENT, agent)
        .set(JOBS.KIND, kind)
        .set(JOBS.STATUS, JobStatus.PENDING.wire())
        .set(JOBS.DISPATCHING, 1L)
        .set(JOBS.ATTEMPT, (long) attempt)
        .set(JOBS.CREATED_AT, now)
        .set(JOBS.UPDATED_AT, now)
        .execute();
    JobRecord job = job(jobId).orElseThrow();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("target", job.targetKey());
    detail.put("version", version.tag());
    detail.put("agent", agent);
    detail.put("kind", kind);
    detail.put("attempt", attempt);
    event("job.created", "job/" + jobId, detail);
    return job;
  }

  @Override
  public void recordDispatch(String jobId, String externalId) {
    ctx.update(JOBS).set(JOBS.DISPATCHING, 0L).set(JOBS.EXTERNAL_ID, externalId).set(JOBS.UPDATED_AT, now)
        .where(JOBS.ID.eq(jobId)).execute();
    event("job.dispatched", "job/" + jobId, Map.of("externalId", externalId));
  }

  @Override
  public boolean updateJob(String jobId, JobStatus status, String message, Map<String, String> links) {
    String current = ctx.select(JOBS.STATUS).from(JOBS).where(JOBS.ID.eq(jobId)).fetchOne(JOBS.STATUS);
    if (current == null || JobStatus.parse(current).map(JobStatus::terminal).orElse(false)) {
      return false; // unknown, or ended: terminal statuses never change
    }
    var update = ctx.update(JOBS).set(JOBS.STATUS, status.wire()).set(JOBS.MESSAGE, message).set(JOBS.UPDATED_AT, now);
    if (status != JobStatus.PENDING) {
      update = update.set(JOBS.STARTED_AT, org.jooq.impl.DSL.coalesce(JOBS.STARTED_AT, org.jooq.impl.DSL.val(now)));
    }
    if (status.terminal()) {
      // a job that ended (even one that never reached its agent) is never recovered or dispatched
      update = update.set(JOBS.COMPLETED_AT, now).set(JOBS.DISPATCHING, 0L);
    }
    update.where(JOBS.ID.eq(jobId)).execute();
    for (Map.Entry<String, String> link : links.entrySet()) {
      ctx.insertInto(JOB_LINKS).set(JOB_LINKS.JOB_ID, jobId).set(JOB_LINKS.NAME, link.getKey())
          .set(JOB_LINKS.URL, link.getValue())
          .onConflict(JOB_LINKS.JOB_ID, JOB_LINKS.NAME).doUpdate().set(JOB_LINKS.URL, link.getValue())
          .execute();
    }
    if (!status.wire().equals(current)) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("from", current);
      detail.put("to", status.wire());
      if (message != null) {
        detail.put("message", message);
      }
      event("job." + status.wire(), "job/" + jobId, detail);
    }
    return true;
  }

  @Override
  public Lease acquireLease(String name, String holder, java.time.Duration ttl,
      java.util.function.Predicate<String> ended) {
    var row = ctx.select(LEASES.HOLDER, LEASES.ACQUIRED_AT, LEASES.EXPIRES_AT).from(LEASES)
        .where(LEASES.NAME.eq(name)).fetchOne();
    long expires = now + ttl.toMillis();
    if (row == null) {
      ctx.insertInto(LEASES).set(LEASES.NAME, name).set(LEASES.HOLDER, holder).set(LEASES.ACQUIRED_AT, now)
          .set(LEASES.EXPIRES_AT, expires).execute();
      event("lease.acquired", "lease/" + name, Map.of("holder", holder, "expiresAt", expires));
      return new Lease(name, holder, Instant.ofEpochMilli(now), Instant.ofEpochMilli(expires));
    }
    boolean mine = row.value1().equals(holder);
    boolean live = !mine && row.value3() > now;
    boolean holderEnded = live && ended.test(row.value1());
    if (live && !holderEnded) {
      return new Lease(name, row.value1(), Instant.ofEpochMilli(row.value2()), Instant.ofEpochMilli(row.value3()));
    }
    long acquired = mine ? row.value2() : now;
    ctx.update(LEASES).set(LEASES.HOLDER, holder).set(LEASES.ACQUIRED_AT, acquired).set(LEASES.EXPIRES_AT, expires)
        .where(LEASES.NAME.eq(name)).execute();
    if (!mine) { // renewals are not events: a loop renews every 10 s
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("holder", holder);
      detail.put("expiresAt", expires);
      detail.put("previousHolder", row.value1());
      if (holderEnded) {
        detail.put("reason", "the previous holder's process has ended");
      }
      event("lease.acquired", "lease/" + name, detail);
    }
    return new Lease(name, holder, Instant.ofEpochMilli(acquired), Instant.ofEpochMilli(expires));
  }

  @Override
  public void releaseLease(String name, String holder) {
    int n = ctx.deleteFrom(LEASES).where(LEASES.NAME.eq(name).and(LEASES.HOLDER.eq(holder))).execute();
    if (n > 0) {
      event("lease.released", "lease/" + name, Map.of("holder", holder));
    }
  }

  /** Writes what is still buffered; the store calls it before commit. */
  void flush() {
    log.flush();
  }

  @Override
  public long startVerification(String jobId, String onFailure, List<String> metrics) {
    long id = ctx.insertInto(VERIFICATION_RUNS)
        .set(VERIFICATION_RUNS.JOB_ID, jobId)
        .set(VERIFICATION_RUNS.STATUS, "running")
        .set(VERIFICATION_RUNS.ON_FAILURE, onFailure)
        .set(VERIFICATION_RUNS.METRICS, JsonText.canonical(metrics))
        .set(VERIFICATION_RUNS.STARTED_AT, now)
        .returning(VERIFICATION_RUNS.ID)
        .fetchOne(VERIFICATION_RUNS.ID);
    event("verification.started", "job/" + jobId, Map.of("metrics", metrics, "onFailure", onFailure));
    return id;
  }

  @Override
  public void addMeasurement(long runId, String jobId, String metric, String verdict, String resultJson, String error) {
    ctx.insertInto(VERIFICATION_MEASUREMENTS)
        .set(VERIFICATION_MEASUREMENTS.RUN_ID, runId)
        .set(VERIFICATION_MEASUREMENTS.METRIC, metric)
        .set(VERIFICATION_MEASUREMENTS.VERDICT, verdict)
        .set(VERIFICATION_MEASUREMENTS.RESULT, resultJson)
        .set(VERIFICATION_MEASUREMENTS.ERROR, error)
        .set(VERIFICATION_MEASUREMENTS.MEASURED_AT, now)
        .execute();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("metric", metric);
    detail.put("verdict", verdict);
    if (error != null) {
      detail.put("message", error);
    }
    event("verification.measured", "job/" + jobId, detail);
  }

  @Override
  public void finishVerification(long runId, String jobId, String status, String message) {
    int changed = ctx.update(VERIFICATION_RUNS).set(VERIFICATION_RUNS.STATUS, status)
        .set(VERIFICATION_RUNS.MESSAGE, message).set(VERIFICATION_RUNS.COMPLETED_AT, now)
        .where(VERIFICATION_RUNS.ID.eq(runId).and(VERIFICATION_RUNS.STATUS.eq("running")))
        .execute();
    if (changed > 0) {
      event("verification." + status, "job/" + jobId, message == null ? Map.of() : Map.of("message", message));
    }
  }

  @Override
  public boolean blockVersion(Version version, String environment, String reason, boolean halt) {
    var where = VERSION_BLOCKS.VERSION_ID.eq(version.id()).and(VERSION_BLOCKS.LIFTED_AT.isNull())
        .and(VERSION_BLOCKS.HALT.eq(halt ? 1L : 0L))
        .and(environment == null ? VERSION_BLOCKS.ENVIRONMENT.isNull() : VERSION_BLOCKS.ENVIRONMENT.eq(environment));
    if (ctx.fetchExists(VERSION_BLOCKS, where)) {
      return false;
    }
    ctx.insertInto(VERSION_BLOCKS)
        .set(VERSION_BLOCKS.VERSION_ID, version.id())
        .set(VERSION_BLOCKS.ENVIRONMENT, environment)
        .set(VERSION_BLOCKS.REASON, reason)
        .set(VERSION_BLOCKS.ACTOR, actor)
        .set(VERSION_BLOCKS.CREATED_AT, now)
        .set(VERSION_BLOCKS.HALT, halt ? 1L : 0L)
        .execute();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("environment", environment);
    detail.put("reason", reason);
    detail.put("halt", halt);
    event("version.blocked", "version/" + version.deployment() + "/" + version.tag(), detail);
    return true;
  }

  @Override
  public int unblockVersion(Version version, String environment) {
    int lifted = ctx.update(VERSION_BLOCKS).set(VERSION_BLOCKS.LIFTED_AT, now).set(VERSION_BLOCKS.LIFTED_BY, actor)
        .where(VERSION_BLOCKS.VERSION_ID.eq(version.id()).and(VERSION_BLOCKS.LIFTED_AT.isNull())
            .and(environment == null ? VERSION_BLOCKS.ENVIRONMENT.isNull() : VERSION_BLOCKS.ENVIRONMENT.eq(environment)))
        .execute();
    if (lifted > 0) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("environment", environment);
      detail.put("lifted", lifted);
      event("version.unblocked", "version/" + version.deployment() + "/" + version.tag(), detail);
    }
    return lifted;
  }

  @Override
  public void recordDesired(Map<Long, Long> desiredByTarget) {
    if (desiredByTarget.isEmpty()) {
      return;
    }
    var query = ctx.update(RELEASE_TARGETS)
        .set(RELEASE_TARGETS.DESIRED_VERSION_ID, (Long) null)
        .set(RELEASE_TARGETS.DESIRED_RECORDED_AT, 0L)
        .where(RELEASE_TARGETS.ID.eq(0L));
    var batch = ctx.batch(query);
    for (Map.Entry<Long, Long> e : desiredByTarget.entrySet()) {
      batch = batch.bind(e.getValue(), now, e.getKey());
    }
    batch.execute();
    // one event per recording, not per target: it is the loop's bookkeeping of a computed value
    event("targets.desired", "rollout", Map.of("targets", desiredByTarget.size()));
  }

  @Override
  public void event(String kind, String subject, Map<String, Object> detail) {
    log.append(now, actor, kind, subject, detail);
  }
}
