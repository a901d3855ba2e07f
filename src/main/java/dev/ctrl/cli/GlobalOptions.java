package dev.ctrl.cli;

/** The options every command takes (`--db`, `-o`, `--no-color`, `-v`), set by the root command. */
public final class GlobalOptions {
  String db;
  OutputFormat output = OutputFormat.table;
  boolean noColor;
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
