package dev.ctrl.cli;

import dev.ctrl.service.StatusService;
import dev.ctrl.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "status",
    description = {"Deployments x environments at a glance.",
        "Per cell: the version most targets run, how many of the targets run it, and `rolling out`, `failed` or "
            + "`blocked` when that is so; `-` where there are no targets."},
    footerHeading = "%nExamples:%n", footer = {"  ctrl status", "  ctrl status --deployment api -o json"})
final class StatusCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment (repeatable).")
  List<String> deployments = new ArrayList<>();

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<StatusService.Cell> cells;
    try (Store store = ctx.openStore()) {
      cells = new StatusService(store).matrix(deployments);
    }
    Renderer r = ctx.renderer();
    if (r.format() != OutputFormat.table) {
      r.list(cells.stream().map(StatusCommand::view).toList(), List.of(), "", ctx.err());
      return 0;
    }
    if (cells.isEmpty()) {
      ctx.err().println("No deployments or environments declared. Declare them with: ctrl apply -f FILE");
      return 0;
    }
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> header = new ArrayList<>(List.of("DEPLOYMENT"));
    for (StatusService.Cell c : cells) {
      if (!header.contains(c.environment())) {
        header.add(c.environment());
      }
      rows.computeIfAbsent(c.deployment(), d -> new ArrayList<>(List.of(d))).add(cell(r, c));
    }
    List<List<String>> table = new ArrayList<>();
    table.add(header);
    table.addAll(rows.values());
    r.table(table);
    return 0;
  }

  private static String cell(Renderer r, StatusService.Cell c) {
    if (c.state() == StatusService.State.EMPTY) {
      return "-";
    }
    String text = (c.version() == null ? "(none)" : c.version()) + " " + c.onVersion() + "/" + c.targets();
    return switch (c.state()) {
      case ROLLING_OUT -> text + " " + r.paint("rolling out", "yellow");
      case FAILED -> text + " " + r.paint("failed", "red");
      case BLOCKED -> text + " " + r.paint("blocked", "red");
      default -> text;
    };
  }

  private static Map<String, Object> view(StatusService.Cell c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deployment", c.deployment());
    m.put("environment", c.environment());
    m.put("version", c.version());
    m.put("targets", c.targets());
    m.put("onVersion", c.onVersion());
    m.put("state", c.state().wire());
    return m;
  }
}
