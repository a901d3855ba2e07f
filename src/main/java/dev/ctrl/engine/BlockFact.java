package dev.ctrl.engine;

/** An active block of a version; environment null means everywhere. */
public record BlockFact(long versionId, String environment, String reason) {}
