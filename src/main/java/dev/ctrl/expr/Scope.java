package dev.ctrl.expr;

import java.util.List;

/** Which variables an expression may read, and what it must yield. */
public enum Scope {
  /** Selectors: deployment, environment, resource, version; yields a boolean. */
  SELECTOR(List.of("resource", "deployment", "environment", "version"), true),
  /** Verification conditions: the job context plus `result`; yields a boolean. */
  CONDITION(List.of("resource", "deployment", "environment", "version", "release", "job", "variables", "result"), true),
  /** Rollout order: the selector variables; yields a string. */
  ORDER(List.of("resource", "deployment", "environment", "version"), false),
  /** `{{ }}` placeholders: the job context; yields anything printable. */
  TEMPLATE(List.of("resource", "deployment", "environment", "version", "release", "job", "variables"), false);

  private final List<String> variables;
  private final boolean bool;

  Scope(List<String> variables, boolean bool) {
    this.variables = variables;
    this.bool = bool;
  }

  public List<String> variables() {
    return variables;
  }

  public boolean yieldsBoolean() {
    return bool;
  }
}
