package dev.ctrl.config;

import dev.ctrl.model.ObjectType;

/** A reference by name from one document to another object, checked against files and state. */
public record RefSite(Location at, String subject, String path, ObjectType target, String name) {}
