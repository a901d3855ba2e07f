package dev.ctrl.engine;

/**
 * An active block of a version; environment null means everywhere. halt: written by a
 * verification with `onFailure: halt`, so the targets that run the version stay on it.
 */
public record BlockFact(long versionId, String environment, String reason, boolean halt) {
  public BlockFact(long versionId, String environment, String reason) {
    this(versionId, environment, reason, false);
  }
}
