package dev.ctrl.engine;

import dev.ctrl.model.TargetKey;

/** A release target with the id its jobs refer to. */
public record TargetFact(long id, TargetKey key) {}
