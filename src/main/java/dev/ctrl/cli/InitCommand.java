package dev.ctrl.cli;

import dev.ctrl.store.Database;
import dev.ctrl.store.Migrator;
import dev.ctrl.store.StateLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(mixinStandardHelpOptions = true, name = "init", description = "Create the state file (.ctrl/state.db here, or --db PATH). Safe to run again.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl init", "  ctrl init --db /shared/ctrl/state.db"})
final class InitCommand implements Callable<Integer> {
  private final CliContext ctx;

  InitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path path = StateLocation.forInit(ctx.global().db(), ctx.env(), ctx.cwd());
    boolean existed = Files.exists(path);
    try (Database db = Database.open(path, true)) {
      if (existed) {
        ctx.out().println("State file " + path + " already exists (schema version " + Migrator.latestVersion() + ")");
      } else {
        ctx.out().println("Created state file " + path);
        ctx.err().println("Next: ctrl apply -f <your yaml files>");
      }
    }
    return 0;
  }
}
