package dev.ctrl.store;

import java.util.Set;

/** A write transaction that creates and updates versions (Store.writeVersions). */
public interface VersionTx {
  boolean deploymentExists(String name);

  Set<String> deploymentNames();

  /** Creates a version or updates the given fields, keeping createdAt; appends its event. */
  Change putVersion(VersionDraft draft);
}
