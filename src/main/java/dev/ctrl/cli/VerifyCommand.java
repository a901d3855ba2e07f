package dev.ctrl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

// Each action on verification metrics is its own Verify<Verb>Command: add it to CommandFactory (CHILDREN and create).
@Command(mixinStandardHelpOptions = true, name = "verify", description = "Work with verification metrics.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl verify test policies/health.yaml --metric error-rate"})
final class VerifyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  VerifyCommand(CliContext ctx) {}

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: "
        + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList()));
  }
}
