package dev.ctrl.model;

import java.time.Instant;
import java.util.Map;

/** A version of one deployment, identified by (deployment, tag). */
public record Version(
    long id,
    String deployment,
    String tag,
    String name,
    VersionStatus status,
    Map<String, Object> metadata,
    Map<String, Object> config,
    Map<String, Object> agentConfig,
    String message,
    Instant createdAt,
    Instant updatedAt) {}
