package dev.ctrl.store;

import dev.ctrl.model.ObjectType;
import dev.ctrl.model.Version;
import java.util.List;
import java.util.Optional;

/** Read access to the state. Inside a write transaction the reads see that transaction. */
public interface StoreReader {
  /** Every stored object of one type, ordered by name. */
  List<StoredObject> objects(ObjectType type);

  Optional<StoredObject> object(ObjectType type, String id);

  /** Versions of one deployment (all when null), newest first (createdAt, then tag). */
  List<Version> versions(String deployment);

  Optional<Version> version(String deployment, String tag);

  /** Active release targets, filtered when deployment / environment are not null, in key order. */
  List<TargetRow> targets(String deployment, String environment);

  /**
   * Audit events, newest first: at most `limit`, since `since` (null: all), about one deployment
   * (its declaration, versions, targets and their jobs) or one target (it and its jobs) when those
   * are not null.
   */
  List<EventRow> events(String deployment, String targetKey, java.time.Instant since, int limit);

  /** These jobs (those that exist), in one query. */
  List<JobRecord> jobs(java.util.Collection<String> ids);

  /** One job, if it exists. */
  java.util.Optional<JobRecord> job(String id);

  /** Jobs whose dispatch outcome was never recorded (a crash between the two commits). */
  List<JobRecord> dispatchingJobs();

  /** Jobs still in flight (pending, in_progress, action_required) whose dispatch was recorded. */
  List<JobRecord> inFlightJobs();

  /** Verifications of these jobs (all running ones when jobIds is null), with their measurements. */
  List<VerificationRecord> verifications(java.util.Collection<String> jobIds);

  /** The sequence number of the latest event (0 when none): it moves with every change of the state. */
  long lastEventSeq();
  /** Jobs newest first, narrowed by the filter, with the version they deploy. */
  List<JobRecord> jobs(JobFilter filter);

  /** The links agents reported for these jobs: job id -> link name -> url (jobs without links absent). */
  java.util.Map<String, java.util.Map<String, String>> jobLinks(java.util.Collection<String> jobIds);

  /** Ids of the jobs that start with prefix, in order, at most limit (to resolve a short id). */
  List<String> jobIdsStartingWith(String prefix, int limit);

  /** Releases newest first, narrowed when deployment / environment / targetKey are not null. */
  List<ReleaseRow> releases(String deployment, String environment, String targetKey);

  Optional<ReleaseRow> release(long id);

  /** `ctrl status`: one row per deployment and environment with active targets (all deployments when empty). */
  List<GroupStatus> groupStatuses(java.util.Collection<String> deployments);

  /** The keys of the active release targets (one light query, for diffs). */
  List<dev.ctrl.model.TargetKey> targetKeys();

  /** The engine's facts: active targets, jobs (with version and verification), approvals, blocks, skips. */
  Facts facts();

  /**
   * The facts, with `meanwhile` run on this thread while the bulk of them is read elsewhere, where
   * the store can (see ParallelFacts); otherwise first.
   */
  default Facts facts(Runnable meanwhile) {
    meanwhile.run();
    return facts();
  }

  /** Everything the policy engine reads besides declared objects and versions. */
  record Facts(List<dev.ctrl.engine.TargetFact> targets, List<dev.ctrl.engine.JobFact> jobs,
      List<dev.ctrl.engine.ApprovalFact> approvals, List<dev.ctrl.engine.BlockFact> blocks,
      List<dev.ctrl.engine.SkipFact> skips) {}
}
