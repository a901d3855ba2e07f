package dev.ctrl.store;

import dev.ctrl.model.Declared;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import java.util.Collection;
import java.util.Map;

/**
 * One write transaction (BEGIN IMMEDIATE). Every mutating call appends its event row to the audit
 * log in the same transaction, so no change goes unrecorded. Not thread-safe: one thread owns it.
 */
public interface StoreTx extends StoreReader {
  /** Creates or updates a declared object; UNCHANGED (and no event) when its document is the same. */
  Change putObject(Declared spec, String specJson, String source);

  void deleteObject(ObjectType type, String id);

  /** Makes the active targets exactly `keys`: new ones are added, missing ones marked removed. */
  TargetSync syncTargets(Collection<TargetKey> keys);

  Version setVersionStatus(Version version, VersionStatus status);

  /** Records a person's latest decision on a version in an environment (replacing their earlier one). */
  void putApproval(Version version, String environment, String approver, boolean approved, String reason);

  /** Makes rule `ruleNumber` of `policy` allow the version (in the scope) until expiresAt (null: forever). */
  void addSkip(String policy, int ruleNumber, Version version, String environment, String resource, String reason,
      java.time.Instant expiresAt);

  /**
   * Creates the job (and its release, when new) with `dispatching` set, before the agent is
   * called. Returns the job as stored.
   */
  JobRecord createJob(String jobId, long targetId, Version version, String variablesJson, String agent, String kind,
      int attempt);

  /** Records the agent's external reference: the dispatch is done. */
  void recordDispatch(String jobId, String externalId);

  /**
   * Records a new status (and message) of a job. Terminal statuses never change again: returns
   * false, and changes nothing, for a job that already ended.
   */
  boolean updateJob(String jobId, dev.ctrl.model.JobStatus status, String message, Map<String, String> links);

  /**
   * Takes the lease, or renews it for the same holder, when it is free or expired at `now`.
   * Returns the lease as it stands afterwards: held by `holder` on success, else by the other.
   */
  default Lease acquireLease(String name, String holder, java.time.Duration ttl) {
    return acquireLease(name, holder, ttl, other -> false);
  }

  /**
   * As {@link #acquireLease(String, String, java.time.Duration)}, and also takes a lease that has
   * not expired yet when `ended` says its holder's process no longer exists (a loop on this
   * machine that was killed). The takeover is an event that names the previous holder.
   */
  Lease acquireLease(String name, String holder, java.time.Duration ttl, java.util.function.Predicate<String> ended);

  /** Gives the lease up, if `holder` has it. */
  void releaseLease(String name, String holder);

  /** Starts the verification of a succeeded job; returns the run's id. */
  long startVerification(String jobId, String onFailure, java.util.List<String> metrics);

  /** Stores one measurement of a running verification as it is taken. */
  void addMeasurement(long runId, String jobId, String metric, String verdict, String resultJson, String error);

  /** Ends a verification: status passed or failed, with the reason. */
  void finishVerification(long runId, String jobId, String status, String message);

  /**
   * Blocks the version in the environment (null: everywhere). halt: the targets that run it stay
   * on it. Returns false, writing nothing, when an active block of the same kind exists there.
   */
  boolean blockVersion(Version version, String environment, String reason, boolean halt);

  /** Lifts the active blocks of the version in the environment; returns how many. */
  int unblockVersion(Version version, String environment);

  /** Records the desired version (by id, null for none) of targets, as a rollout loop last decided. */
  void recordDesired(Map<Long, Long> desiredByTarget);

  /** Appends an event of a change that has no mutating call of its own. */
  void event(String kind, String subject, Map<String, Object> detail);
}
