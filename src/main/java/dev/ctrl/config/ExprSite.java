package dev.ctrl.config;

/**
 * A CEL expression found in a document, checked at apply. `at` is where the expression text
 * starts; when `exact` is false (multi-line or block scalars) positions inside it are reported
 * relative to the expression instead.
 */
public record ExprSite(Location at, boolean exact, String subject, String path, String expression, Kind kind) {
  public enum Kind {
    /** A boolean selector over deployment, environment, resource, version. */
    SELECTOR,
    /** A boolean condition over `result` and the job context. */
    CONDITION,
    /** An expression that yields a string (gradual rollout order). */
    STRING,
    /** A `{{ }}` placeholder in a template string, over the job context. */
    TEMPLATE
  }
}
