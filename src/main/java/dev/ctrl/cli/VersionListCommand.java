package dev.ctrl.cli;

import picocli.CommandLine.Command;

/** `ctrl version list`: the same listing as `ctrl get versions`, where CI scripts look for it. */
@Command(mixinStandardHelpOptions = true, name = "list", description = "List versions, newest first (same as `ctrl get versions`).",
    footerHeading = "%nExamples:%n", footer = {"  ctrl version list --deployment api"})
final class VersionListCommand extends GetVersionsCommand {
  VersionListCommand(CliContext ctx) {
    super(ctx);
  }
}
