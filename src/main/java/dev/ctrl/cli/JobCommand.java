package dev.ctrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// Each action on one job is its own <Job><Verb>Command: add it to CommandFactory (CHILDREN and create).
@Command(mixinStandardHelpOptions = true, name = "job", description = "Act on one job.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl job update 0f3a9c2e-5d1b-4c7e-9a40-1b2c3d4e5f60 --status in_progress --link run=https://ci/runs/7"})
final class JobCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  JobCommand(CliContext ctx) {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }
}
