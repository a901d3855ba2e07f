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

  /** Creates a version or updates the given fields, keeping createdAt. */
  Change putVersion(VersionDraft draft);

  Version setVersionStatus(Version version, VersionStatus status);

  /** Records a person's latest decision on a version in an environment (replacing their earlier one). */
  void putApproval(Version version, String environment, String approver, boolean approved, String reason);

  /** Makes rule `ruleNumber` of `policy` allow the version (in the scope) until expiresAt (null: forever). */
  void addSkip(String policy, int ruleNumber, Version version, String environment, String resource, String reason,
      java.time.Instant expiresAt);

  /** Appends an event of a change that has no mutating call of its own. */
  void event(String kind, String subject, Map<String, Object> detail);
}
