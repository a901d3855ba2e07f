package dev.ctrl.cli;

import picocli.CommandLine.Command;

/** `ctrl reject`: the same flags as approve; a rejection vetoes the version in that environment. */
@Command(mixinStandardHelpOptions = true, name = "reject",
    description = "Reject a version in an environment: it is vetoed there until the approver approves instead.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl reject --deployment api --tag v1.4.2 --environment production --reason \"breaks checkout\""})
final class RejectCommand extends ApproveCommand {
  RejectCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  boolean approves() {
    return false;
  }
}
