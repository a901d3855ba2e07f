package dev.ctrl.cli;

import dev.ctrl.service.BlockService;
import dev.ctrl.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "unblock",
    description = "Lift the block of a version in an environment (set by a failed verification, a failed job or "
        + "ctrl rollback), so it can be deployed there again.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl version unblock --deployment api --tag v1.4.2 --environment production"})
final class VersionUnblockCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D")
  String deployment;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "T")
  String tag;

  @Option(names = {"-e", "--environment"}, required = true, paramLabel = "E")
  String environment;

  VersionUnblockCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    int lifted;
    try (Store store = ctx.openStore()) {
      lifted = new BlockService(store, ctx.clock().instant()).unblock(ctx.actor(), deployment, tag, environment);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deployment", deployment);
    json.put("tag", tag);
    json.put("environment", environment);
    json.put("liftedBlocks", lifted);
    ctx.renderer().object(json, () -> ctx.out().println(lifted == 0
        ? "version " + deployment + "/" + tag + " was not blocked in " + environment
        : "version " + deployment + "/" + tag + " unblocked in " + environment));
    return 0;
  }
}
