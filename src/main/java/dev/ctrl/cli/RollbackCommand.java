package dev.ctrl.cli;

import dev.ctrl.rollout.RolloutOptions;
import dev.ctrl.rollout.RolloutResult;
import dev.ctrl.service.BlockService;
import dev.ctrl.store.Store;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "rollback",
    description = {"Roll an environment back: block the version it runs (with --to, every version newer than TAG",
        "that ran there), then run the rollout loop for that deployment and environment until the rollback jobs",
        "end. Rollback jobs skip version gates and deployment windows."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl rollback --deployment api --environment production --reason \"error rate up\"",
        "  ctrl rollback --deployment api --environment production --to v1.4.0",
        "  ctrl rollback --deployment api --environment staging --no-wait   # record only; ctrl rollout acts",
        "", "Exit codes: 0 rolled back, 1 a rollback job failed, 3 a target has no earlier good release, 5 another",
        "loop holds the deployment's lease."})
final class RollbackCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D")
  String deployment;

  @Option(names = {"-e", "--environment"}, required = true, paramLabel = "E")
  String environment;

  @Option(names = "--to", paramLabel = "TAG", description = "Roll back to this earlier good version.")
  String to;

  @Option(names = "--reason", paramLabel = "R", description = "Why (kept in the block and the history).")
  String reason;

  @Option(names = "--no-wait", description = "Only record the block; the next ctrl rollout rolls back.")
  boolean noWait;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
      description = "How long to wait for the rollback jobs (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--wait-for-lock", paramLabel = "DURATION", defaultValue = "0s",
      description = "Wait this long for another loop's lease (default: ${DEFAULT-VALUE}).")
  String waitForLock;

  RollbackCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> blocked;
    try (Store store = ctx.openStore()) {
      blocked = new BlockService(store, ctx.clock().instant()).rollback(ctx.actor(), deployment, environment, to,
          reason);
    }
    ctx.err().println("blocked " + String.join(", ", blocked) + " of " + deployment + " in " + environment);
    if (noWait) {
      ctx.err().println("the next ctrl rollout rolls the targets back");
      return 0;
    }
    RolloutOptions options = new RolloutOptions(List.of(deployment), List.of(environment), false, false,
        RolloutCommand.duration("--timeout", timeout), RolloutCommand.duration("--wait-for-lock", waitForLock), 8, true,
        null);
    RolloutResult result = Rollouts.run(ctx, options, RolloutCommand.listener(ctx));
    ctx.err().println(result.summary());
    return result.exitCode();
  }
}
