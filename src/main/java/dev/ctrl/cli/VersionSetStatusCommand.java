package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import dev.ctrl.service.VersionService;
import dev.ctrl.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "set-status", description = "Set a version's status. Only ready versions go to new targets; "
    + "paused ones stay where they run; rejected ones are blocked everywhere.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl version set-status --deployment api --tag v1.4.2 --status paused",
        "  ctrl version set-status --deployment api --tag v1.4.2 --status rejected"})
final class VersionSetStatusCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D")
  String deployment;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "T")
  String tag;

  @Option(names = "--status", required = true, paramLabel = "S",
      description = "building, ready, failed, rejected or paused.")
  String status;

  VersionSetStatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    VersionStatus parsed = VersionStatus.parse(status).orElseThrow(() -> CtrlException.usage(
        "unknown status \"" + status + "\" (use one of " + String.join(", ", VersionStatus.wires()) + ")"));
    Version v;
    try (Store store = ctx.openStore()) {
      v = new VersionService(store, ctx.actor(), ctx.clock().instant()).setStatus(deployment, tag, parsed);
    }
    ctx.renderer().object(VersionListing.of(v),
        () -> ctx.out().println("version " + v.deployment() + "/" + v.tag() + " is " + v.status().wire()));
    return 0;
  }
}
