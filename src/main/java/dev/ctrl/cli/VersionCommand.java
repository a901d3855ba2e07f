package dev.ctrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(mixinStandardHelpOptions = true, name = "version", description = "Create, list and set the status of versions.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl version create --deployment api --tag v1.4.2 --link build=https://ci/builds/981",
        "  ctrl version set-status --deployment api --tag v1.4.2 --status rejected"})
final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  VersionCommand(CliContext ctx) {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: create, list, set-status or unblock");
  }
}
