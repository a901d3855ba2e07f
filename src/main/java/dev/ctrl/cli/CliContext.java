package dev.ctrl.cli;

import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.StateLocation;
import dev.ctrl.store.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Everything a command may touch of the outside world, injected so tests run commands
 * in-process with their own environment, directory, streams and clock.
 */
public final class CliContext {
  private final Map<String, String> env;
  private final Path cwd;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;
  private final boolean tty;
  final GlobalOptions global = new GlobalOptions();

  public CliContext(Map<String, String> env, Path cwd, PrintWriter out, PrintWriter err, Clock clock, boolean tty) {
    this.env = env;
    this.cwd = cwd;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.tty = tty;
  }

  public Map<String, String> env() {
    return env;
  }

  public Path cwd() {
    return cwd;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Clock clock() {
    return clock;
  }

  public GlobalOptions global() {
    return global;
  }

  /** True when stdout is a terminal (live views redraw in place there). */
  public boolean tty() {
    return tty;
  }

  /** Colour only on a terminal, and never with --no-color or NO_COLOR. */
  public boolean colour() {
    return tty && !global.noColor && !env.containsKey("NO_COLOR");
  }

  /**
   * The same streams, environment, clock and output options for commands run in another working
   * directory on a given state file (whatever --db or CTRL_DB say): `ctrl demo` runs its steps so.
   */
  CliContext in(Path dir, Path stateFile) {
    CliContext c = new CliContext(env, dir, out, err, clock, tty);
    c.global.db = stateFile.toString();
    c.global.output = global.output;
    c.global.noColor = global.noColor;
    c.global.verbose = global.verbose;
    return c;
  }

  public Path statePath() {
    return StateLocation.find(global.db, env, cwd);
  }

  /** Opens the existing state file (migrating its schema). */
  public Store openStore() {
    return new JooqStore(Database.open(statePath(), false));
  }

  /** Who is acting, for the audit log: CTRL_USER, else the OS user. */
  public String actor() {
    String user = env.get("CTRL_USER");
    if (user != null && !user.isBlank()) {
      return user;
    }
    String os = env.getOrDefault("USER", System.getProperty("user.name"));
    return os == null || os.isBlank() ? "unknown" : os;
  }

  /**
   * Who approves: --as, else CTRL_USER, else `git config user.email`, else the OS user
   * (DOMAIN.md section 10).
   */
  public String approver(String as) {
    if (as != null && !as.isBlank()) {
      return as;
    }
    String user = env.get("CTRL_USER");
    if (user != null && !user.isBlank()) {
      return user;
    }
    try {
      Process p = new ProcessBuilder("git", "config", "user.email").directory(cwd.toFile())
          .redirectErrorStream(true).start();
      String email = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      if (p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0 && !email.isBlank()) {
        return email;
      }
    } catch (java.io.IOException e) {
      // no git here: fall back to the OS user
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return actor();
  }

  public Renderer renderer() {
    return new Renderer(out, global.output, colour(), clock.instant());
  }
}
