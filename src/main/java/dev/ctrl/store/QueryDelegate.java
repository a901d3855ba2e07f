package dev.ctrl.store;

import dev.ctrl.model.ObjectType;
import dev.ctrl.model.Version;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The reads, shared by the store (outside transactions) and its transactions (inside). */
abstract class QueryDelegate implements StoreReader {
  private final Supplier<Queries> make;
  private Queries queries;

  QueryDelegate(Queries queries) {
    this.make = null;
    this.queries = queries;
  }

  /** Makes the queries (and so jOOQ's context) on first use: a command may need no jOOQ at all. */
  QueryDelegate(Supplier<Queries> make) {
    this.make = make;
  }

  final Queries queries() {
    if (queries == null) {
      queries = make.get();
    }
    return queries;
  }

  @Override
  public List<StoredObject> objects(ObjectType type) {
    return queries().objects(type);
  }

  @Override
  public Optional<StoredObject> object(ObjectType type, String id) {
    return queries().object(type, id);
  }

  @Override
  public List<Version> versions(String deployment) {
    return queries().versions(deployment);
  }

  @Override
  public Optional<Version> version(String deployment, String tag) {
    return queries().version(deployment, tag);
  }

  @Override
  public List<TargetRow> targets(String deployment, String environment) {
    return queries().targets(deployment, environment);
  }

  @Override
  public List<dev.ctrl.model.TargetKey> targetKeys() {
    return new FactQueries(queries().ctx()).activeTargets().stream().map(dev.ctrl.engine.TargetFact::key).toList();
  }

  @Override
  public Facts facts() {
    return queries().facts();
  }

  @Override
  public List<EventRow> events(String deployment, String targetKey, java.time.Instant since, int limit) {
    return queries().events(deployment, targetKey, since, limit);
  }

  @Override
  public Optional<JobRecord> job(String id) {
    return queries().jobs(dev.ctrl.store.generated.Tables.JOBS.ID.eq(id)).stream().findFirst();
  }

  @Override
  public List<JobRecord> jobs(java.util.Collection<String> ids) {
    return ids.isEmpty() ? List.of() : queries().jobs(dev.ctrl.store.generated.Tables.JOBS.ID.in(ids));
  }

  @Override
  public List<JobRecord> dispatchingJobs() {
    return queries().jobs(dev.ctrl.store.generated.Tables.JOBS.DISPATCHING.eq(1L));
  }

  /** The statuses of jobs still running, from the one place that says which statuses end a job. */
  @Override
  public List<JobRecord> inFlightJobs() {
    var jobs = dev.ctrl.store.generated.Tables.JOBS;
    return queries().jobs(jobs.STATUS.in(dev.ctrl.model.JobStatus.NOT_TERMINAL).and(jobs.DISPATCHING.eq(0L)));
  }

  @Override
  public List<JobRecord> jobs(JobFilter filter) {
    return new JobQueries(queries()).jobs(filter);
  }

  @Override
  public java.util.Map<String, java.util.Map<String, String>> jobLinks(java.util.Collection<String> jobIds) {
    return new JobQueries(queries()).links(jobIds);
  }

  @Override
  public List<String> jobIdsStartingWith(String prefix, int limit) {
    return new JobQueries(queries()).idsStartingWith(prefix, limit);
  }

  @Override
  public List<ReleaseRow> releases(String deployment, String environment, String targetKey) {
    return new JobQueries(queries()).releases(deployment, environment, targetKey, null);
  }

  @Override
  public Optional<ReleaseRow> release(long id) {
    return new JobQueries(queries()).releases(null, null, null, id).stream().findFirst();
  }

  @Override
  public List<GroupStatus> groupStatuses(java.util.Collection<String> deployments) {
    return new StatusQueries(queries().ctx()).groups(deployments);
  }

  @Override
  public List<VerificationRecord> verifications(java.util.Collection<String> jobIds) {
    return new RolloutQueries(queries().ctx()).verifications(jobIds);
  }

  @Override
  public long lastEventSeq() {
    var events = dev.ctrl.store.generated.Tables.EVENTS;
    Long seq = queries().ctx().select(org.jooq.impl.DSL.max(events.SEQ)).from(events).fetchOne(0, Long.class);
    return seq == null ? 0 : seq;
  }
}
