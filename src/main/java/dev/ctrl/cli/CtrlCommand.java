package dev.ctrl.cli;

import dev.ctrl.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "ctrl",
    mixinStandardHelpOptions = true,
    versionProvider = CtrlCommand.Version.class,
    description = "Deployment orchestrator: declare systems, environments and policies in YAML, "
        + "create versions from CI, and roll them out through gates.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  ctrl init",
      "  ctrl apply -f examples/quickstart",
      "  ctrl version create --deployment api --tag v1.0.0",
      "  ctrl get targets -o json",
      "  ctrl plan",
      "  ctrl history --since 2h",
      "",
      "State: --db PATH, else $CTRL_DB, else .ctrl/state.db searched upward from the working directory.",
      "",
      ExitCode.HELP_TEXT
    })
public final class CtrlCommand implements Runnable {
  private final CliContext ctx;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public CtrlCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @CommandLine.Mixin GlobalOptions global;

  @Override
  public void run() {
    spec.commandLine().usage(ctx.err());
  }

  /** `ctrl --version`: the version of the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ctrl " + number()};
    }

    static String number() {
      return dev.ctrl.BuildInfo.version();
    }
  }
}
