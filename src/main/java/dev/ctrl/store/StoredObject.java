package dev.ctrl.store;

import dev.ctrl.model.ObjectType;
import java.time.Instant;

/** A declared object as stored: its normalised document (canonical JSON) and when it changed. */
public record StoredObject(ObjectType type, String id, String specJson, String source, Instant createdAt, Instant updatedAt) {}
