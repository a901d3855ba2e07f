package dev.ctrl.cli;

import dev.ctrl.service.VersionService;
import dev.ctrl.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "versions", description = "List versions, newest first.",
    footerHeading = "%nExamples:%n", footer = {"  ctrl get versions", "  ctrl get versions --deployment api -o json"})
class GetVersionsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment.")
  String deployment;

  GetVersionsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try (Store store = ctx.openStore()) {
      VersionListing.print(ctx, new VersionService(store, ctx.actor(), ctx.clock().instant()).list(deployment));
    }
    return 0;
  }
}
