package dev.ctrl;

import dev.ctrl.cli.CliContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs ctrl command lines in-process in a working directory, with their own env and clock. */
public final class CliRunner {
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private final Path cwd;
  private final Map<String, String> env = new HashMap<>();
  private Instant now = Instant.parse("2026-11-27T10:00:00Z");
  private Clock clock;

  public CliRunner(Path cwd) {
    this.cwd = cwd;
    env.put("CTRL_USER", "tester");
  }

  public CliRunner env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public CliRunner at(Instant instant) {
    this.now = instant;
    return this;
  }

  /** Runs commands on this clock (the system clock for rollouts that run real processes). */
  public CliRunner clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Path cwd() {
    return cwd;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx = new CliContext(new HashMap<>(env), cwd, new PrintWriter(out, true), new PrintWriter(err, true),
        clock != null ? clock : Clock.fixed(now, ZoneOffset.UTC), false);
    int code = Main.run(ctx, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs and fails the test unless the exit code is 0. */
  public Result ok(String... args) {
    Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("expected exit 0 for " + String.join(" ", args) + "\n" + r);
    }
    return r;
  }
}
