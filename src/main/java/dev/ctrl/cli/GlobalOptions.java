package dev.ctrl.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, mixed into the root command and inherited by all
 * subcommands. The factory hands out the context's single instance, so commands read it there.
 * Fields (not setters) keep picocli's option order stable, which keeps completions reproducible.
 */
public final class GlobalOptions {
  @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "PATH",
      description = "State file (default: $CTRL_DB, else .ctrl/state.db searched upward).")
  String db;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Output format: table, json or yaml (default: table).")
  OutputFormat output = OutputFormat.table;

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also: NO_COLOR=1).")
  boolean noColor;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "More detail, stack traces on errors.")
  boolean verbose;

  public String db() {
    return db;
  }

  public OutputFormat output() {
    return output;
  }

  public boolean verbose() {
    return verbose;
  }
}
