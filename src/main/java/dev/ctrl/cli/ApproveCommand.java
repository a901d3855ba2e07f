package dev.ctrl.cli;

import dev.ctrl.model.Version;
import dev.ctrl.service.ApprovalService;
import dev.ctrl.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "approve",
    description = "Approve a version in an environment (counts toward approval rules).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl approve --deployment api --tag v1.4.2 --environment production",
        "  ctrl approve --deployment api --tag v1.4.2 --environment production --as alice@example.com --reason \"CAB-123\""})
class ApproveCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D")
  String deployment;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "T")
  String tag;

  @Option(names = {"-e", "--environment"}, required = true, paramLabel = "E")
  String environment;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept in the history).")
  String reason;

  @Option(names = "--as", paramLabel = "NAME",
      description = "Who decides (default: $CTRL_USER, else git config user.email, else the OS user).")
  String as;

  ApproveCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  boolean approves() {
    return true;
  }

  @Override
  public Integer call() {
    String who = ctx.approver(as);
    Version v;
    try (Store store = ctx.openStore()) {
      v = new ApprovalService(store, ctx.clock().instant()).decide(deployment, tag, environment, who, approves(), reason);
    }
    ctx.out().println((approves() ? "approved " : "rejected ") + v.deployment() + "/" + v.tag() + " in " + environment
        + " as " + who);
    return 0;
  }
}
