package dev.ctrl.cli;

/** `-o table|json|yaml`. */
public enum OutputFormat {
  table,
  json,
  yaml
}
