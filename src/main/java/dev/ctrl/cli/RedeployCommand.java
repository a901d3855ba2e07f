package dev.ctrl.cli;

import dev.ctrl.model.TargetKey;
import dev.ctrl.rollout.RolloutOptions;
import dev.ctrl.rollout.RolloutResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "redeploy",
    description = {"Deploy a target's current version again, past every gate (a successful job is otherwise final),",
        "and wait for the job and its verification."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl redeploy api/production/eu-west-1"})
final class RedeployCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "TARGET_KEY", description = "deployment/environment/resource, as ctrl get targets shows.")
  String key;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m",
      description = "How long to wait for the job (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--wait-for-lock", paramLabel = "DURATION", defaultValue = "0s",
      description = "Wait this long for another loop's lease (default: ${DEFAULT-VALUE}).")
  String waitForLock;

  RedeployCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TargetKey target = TargetScope.parse(key);
    RolloutOptions options = new RolloutOptions(List.of(target.deployment()), List.of(target.environment()), false,
        false, RolloutCommand.duration("--timeout", timeout), RolloutCommand.duration("--wait-for-lock", waitForLock),
        8, true, target.toString());
    RolloutResult result = Rollouts.run(ctx, options, RolloutCommand.listener(ctx));
    ctx.err().println(result.summary());
    return result.exitCode();
  }
}
