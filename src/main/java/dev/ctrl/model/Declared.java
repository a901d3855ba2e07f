package dev.ctrl.model;

/** A declared object: one YAML document, identified by its type and name (or identifier). */
public sealed interface Declared
    permits SystemSpec, EnvironmentSpec, DeploymentSpec, ResourceSpec, JobAgentSpec, PolicySpec {
  ObjectType type();

  /** The name, or for resources the identifier. */
  String id();

  /** `Policy "prod-gates"`: how messages name the object. */
  default String label() {
    return type().kind() + " \"" + id() + "\"";
  }
}
