package dev.ctrl.store;

import dev.ctrl.model.ObjectType;
import dev.ctrl.model.Version;
import java.util.List;
import java.util.Optional;

/** The reads, shared by the store (outside transactions) and its transactions (inside). */
abstract class QueryDelegate implements StoreReader {
  final Queries queries;

  QueryDelegate(Queries queries) {
    this.queries = queries;
  }

  @Override
  public List<StoredObject> objects(ObjectType type) {
    return queries.objects(type);
  }

  @Override
  public Optional<StoredObject> object(ObjectType type, String id) {
    return queries.object(type, id);
  }

  @Override
  public List<Version> versions(String deployment) {
    return queries.versions(deployment);
  }

  @Override
  public Optional<Version> version(String deployment, String tag) {
    return queries.version(deployment, tag);
  }

  @Override
  public List<TargetRow> targets(String deployment, String environment) {
    return queries.targets(deployment, environment);
  }

  @Override
  public List<dev.ctrl.model.TargetKey> targetKeys() {
    return new FactQueries(queries.ctx()).activeTargets().stream().map(dev.ctrl.engine.TargetFact::key).toList();
  }

  @Override
  public Facts facts() {
    return queries.facts();
  }

  @Override
  public List<EventRow> events(String deployment, String targetKey, java.time.Instant since, int limit) {
    return queries.events(deployment, targetKey, since, limit);
  }

  @Override
  public Optional<JobRecord> job(String id) {
    return queries.jobs(dev.ctrl.store.generated.Tables.JOBS.ID.eq(id)).stream().findFirst();
  }

  @Override
  public List<JobRecord> dispatchingJobs() {
    return queries.jobs(dev.ctrl.store.generated.Tables.JOBS.DISPATCHING.eq(1L));
  }

  @Override
  public List<JobRecord> inFlightJobs() {
    var jobs = dev.ctrl.store.generated.Tables.JOBS;
    return queries.jobs(jobs.STATUS.in("pending", "in_progress", "action_required").and(jobs.DISPATCHING.eq(0L)));
  }

  @Override
  public List<VerificationRecord> verifications(java.util.Collection<String> jobIds) {
    return new RolloutQueries(queries.ctx()).verifications(jobIds);
  }

  @Override
  public long lastEventSeq() {
    var events = dev.ctrl.store.generated.Tables.EVENTS;
    Long seq = queries.ctx().select(org.jooq.impl.DSL.max(events.SEQ)).from(events).fetchOne(0, Long.class);
    return seq == null ? 0 : seq;
  }
}
