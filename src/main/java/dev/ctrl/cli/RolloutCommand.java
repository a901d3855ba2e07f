package dev.ctrl.cli;

import dev.ctrl.ExitCode;
import dev.ctrl.model.Durations;
import dev.ctrl.rollout.RolloutListener;
import dev.ctrl.rollout.RolloutOptions;
import dev.ctrl.rollout.RolloutResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "rollout",
    description = {"Run the rollout loop: deploy what the policies allow, verify it, roll back what fails.",
        "Ends when every target in scope is converged, failed, or waits on a person or on a gate beyond the",
        "deadline (use --watch to keep going). Ctrl-C stops cleanly; running jobs are picked up next time."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl rollout", "  ctrl rollout --deployment api --environment staging --timeout 15m",
        "  ctrl rollout --once                # one tick: exit 0 when converged, 3 when work remains",
        "  ctrl rollout --watch -o json       # keep going; one JSON event per line", "",
        "Exit codes (first match wins): 2 usage/config, 5 lease held by another loop, 1 something failed or",
        "was rolled back, 3 waits on a person or a gate beyond the deadline, 4 deadline passed, 0 converged,",
        "130 interrupted."})
final class RolloutCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment (repeatable).")
  List<String> deployments = new ArrayList<>();

  @Option(names = {"-e", "--environment"}, paramLabel = "E", description = "Only this environment (repeatable).")
  List<String> environments = new ArrayList<>();

  @Option(names = "--once", description = "Run one tick and exit (0 converged, 3 work remains).")
  boolean once;

  @Option(names = "--watch", description = "Keep running: pick up new versions as CI creates them.")
  boolean watch;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
      description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); exit 4 with work in progress.")
  String timeout;

  @Option(names = "--wait-for-lock", paramLabel = "DURATION", defaultValue = "0s",
      description = "Wait this long for another loop's lease (default: ${DEFAULT-VALUE}), then exit 5.")
  String waitForLock;

  @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "8",
      description = "Dispatches, polls and measurements at once (default: ${DEFAULT-VALUE}).")
  int maxParallel;

  RolloutCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (once && watch) {
      throw dev.ctrl.CtrlException.usage("--once and --watch contradict each other", "pick one");
    }
    if (maxParallel < 1) {
      throw dev.ctrl.CtrlException.usage("--max-parallel must be at least 1");
    }
    RolloutOptions options = new RolloutOptions(deployments, environments, once, watch, duration("--timeout", timeout),
        duration("--wait-for-lock", waitForLock), maxParallel);
    RolloutResult result = Rollouts.run(ctx, options, listener(ctx));
    if (!ctx.global().output().equals(OutputFormat.json) && result.exitCode() != ExitCode.INTERRUPTED) {
      ctx.err().println(result.summary());
    }
    return result.exitCode();
  }

  static RolloutListener listener(CliContext ctx) {
    if (ctx.global().output() == OutputFormat.json) {
      return new RolloutLines(ctx.out(), true);
    }
    return ctx.tty() ? new RolloutLiveView(ctx.out(), ctx.renderer()) : new RolloutLines(ctx.out(), false);
  }

  static Duration duration(String flag, String text) {
    Duration d = Durations.parse(text);
    if (d == null) {
      throw dev.ctrl.CtrlException.usage(flag + ": \"" + text + "\" is not a duration", Durations.HINT);
    }
    return d;
  }
}
