package dev.ctrl.store;

import dev.ctrl.model.VersionStatus;
import java.util.Map;

/**
 * What `version create` asks for. Null fields keep what is stored (or take the default on
 * creation: status ready); metadata and config entries are merged over what is stored.
 */
public record VersionDraft(
    String deployment,
    String tag,
    String name,
    VersionStatus status,
    Map<String, Object> metadata,
    Map<String, Object> config,
    String message) {}
