package dev.ctrl.store;

import dev.ctrl.model.TargetKey;
import java.util.List;

/** What recomputing the release targets changed. */
public record TargetSync(List<TargetKey> added, List<TargetKey> removed) {}
