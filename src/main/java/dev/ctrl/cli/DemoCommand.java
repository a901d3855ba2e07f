package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.model.Version;
import dev.ctrl.store.Store;
import dev.ctrl.store.TargetRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(mixinStandardHelpOptions = true, name = "demo",
    description = {"Show a whole rollout on a bundled example, in a new temporary directory; needs nothing else.",
        "v1.0.0 goes through staging to production, then v1.1.0-bad fails its health check in staging and is",
        "rolled back. Each step prints the command that does it. Takes about 15 seconds."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl demo", "  ctrl demo > demo.log    # off a terminal: one line per event, no live table", "",
        "Exit codes: 0 all went as expected (inside it, the bad version's rollout exits 1: expected),",
        "1 something did not (the message says what), 130 interrupted."})
final class DemoCommand implements Callable<Integer> {
  static final String GOOD = "v1.0.0";
  static final String BAD = "v1.1.0-bad";
  private static final String ROLLOUT_TIMEOUT = "1m";
  private final CliContext ctx;
  private DemoWorkspace ws;

  DemoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (ctx.global().db() != null) {
      throw CtrlException.usage("ctrl demo always starts a fresh state file in a new temporary directory",
          "leave out --db; the demo prints where its state file is");
    }
    if (ctx.global().output() != OutputFormat.table) {
      throw CtrlException.usage("ctrl demo is a walkthrough for people; it has no -o json or yaml",
          "ctrl rollout -o json prints one JSON event per line");
    }
    Instant start = ctx.clock().instant();
    ws = DemoWorkspace.create(ctx);
    String dir = DemoWorkspace.quoted(ws.dir.toString());
    say("ctrl demo: a version rolled out through staging to production, then a bad one caught and rolled back.",
        "Working in " + ws.dir + ", on the state file " + ws.state + ".",
        "Each step shows the command that does it; after `cd " + dir + "` you can type them yourself.");

    heading("1. A state file, and what to deploy where");
    say("config/ declares one deployment, api, on four pretend clusters: 2 in staging, 2 in production. Its agent",
        "\"deploys\" by writing the version into deployed/<cluster>.txt; a health check follows every deploy.");
    expect(ws.run("init"), ExitCode.OK, "ctrl init");
    expect(ws.run("apply", "-f", "config"), ExitCode.OK, "ctrl apply");

    heading("2. CI creates a version; the rollout loop takes it through staging, then production");
    say("One cluster at a time, each health-checked before the next; production only once all of staging passed.");
    expect(ws.run("version", "create", "--deployment", "api", "--tag", GOOD), ExitCode.OK, "ctrl version create");
    expect(ws.run("rollout", "--timeout", ROLLOUT_TIMEOUT), ExitCode.OK, "ctrl rollout of " + GOOD);

    heading("3. A bad version: caught in staging, rolled back, never in production");
    say(BAD + " fails its health check on the first staging cluster. ctrl blocks it in staging, rolls that cluster",
        "back to " + GOOD + ", and production never starts it. `ctrl rollout` exits 1 when it rolled something back.");
    expect(ws.run("version", "create", "--deployment", "api", "--tag", BAD), ExitCode.OK, "ctrl version create");
    expect(ws.run("rollout", "--timeout", ROLLOUT_TIMEOUT), ExitCode.FAILURE, "ctrl rollout of " + BAD);
    say("exit 1, as expected: " + BAD + " was rolled back.");

    heading("4. Where it ended");
    expect(ws.run("get", "targets"), ExitCode.OK, "ctrl get targets");
    String surprise = surprise();
    if (surprise != null) {
      throw unexpected(surprise);
    }
    long seconds = Duration.between(start, ctx.clock().instant()).toSeconds();
    ctx.out().println();
    say(ctx.renderer().paint("Done in " + seconds + "s, as expected: " + GOOD + " runs on all 4 clusters; " + BAD
        + " is blocked in staging and never reached production.", "green"));
    String db = " --db " + DemoWorkspace.quoted(ws.state.toString());
    say("", "Explore what happened (or `cd " + dir + "` and leave out --db):",
        "  ctrl status" + db + "        # deployments x environments",
        "  ctrl history" + db + "       # every change: what, who, when",
        "  ctrl get jobs" + db + "      # every job and how it ended",
        "  ctrl plan" + db + "          # what each target should run next, and why",
        "The directory is yours to delete: rm -rf " + dir);
    return ExitCode.OK;
  }

  /** Why the end state is not what the demo promises, or null when it is. */
  private String surprise() {
    try (Store store = ws.ctx.openStore()) {
      List<TargetRow> targets = store.targets("api", null);
      List<String> off = targets.stream().filter(t -> !GOOD.equals(t.currentVersion()))
          .map(t -> t.key() + " runs " + t.currentVersion()).toList();
      if (targets.size() != 4 || !off.isEmpty()) {
        return "expected " + GOOD + " on 4 targets, but " + (off.isEmpty() ? targets.size() + " targets exist" : off);
      }
      Version bad = store.version("api", BAD).orElseThrow();
      var facts = store.facts();
      if (facts.blocks().stream().noneMatch(b -> b.versionId() == bad.id() && b.environment().equals("staging"))) {
        return BAD + " is not blocked in staging";
      }
      Map<Long, String> envById = targets.stream()
          .collect(Collectors.toMap(TargetRow::id, t -> t.key().environment()));
      Set<String> reached = facts.jobs().stream().filter(j -> j.versionId() == bad.id())
          .map(j -> envById.get(j.targetId())).collect(Collectors.toSet());
      return reached.contains("production") ? BAD + " reached production" : null;
    }
  }

  private void expect(int code, int expected, String what) {
    if (code == ExitCode.INTERRUPTED) {
      throw new CtrlException(ExitCode.INTERRUPTED, "interrupted");
    }
    if (code != expected) {
      throw unexpected(what + " exited " + code + " instead of " + expected);
    }
  }

  private CtrlException unexpected(String what) {
    return new CtrlException(ExitCode.FAILURE, "the demo did not go as expected: " + what,
        "its state is in " + ws.state + "; ctrl history --db " + DemoWorkspace.quoted(ws.state.toString()));
  }

  private void heading(String text) {
    ctx.out().println();
    ctx.out().println(ctx.renderer().paint("== " + text, "bold"));
  }

  private void say(String... lines) {
    for (String line : lines) {
      ctx.out().println(line);
    }
    ctx.out().flush();
  }
}
