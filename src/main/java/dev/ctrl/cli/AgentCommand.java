package dev.ctrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// Each action on a job agent is its own Agent<Verb>Command: add it to CommandFactory (CHILDREN and create).
@Command(mixinStandardHelpOptions = true, name = "agent", description = "Work with job agents.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl agent check github-deploy"})
final class AgentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  AgentCommand(CliContext ctx) {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }
}
