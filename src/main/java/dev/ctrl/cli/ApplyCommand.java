package dev.ctrl.cli;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.json.JsonText;
import dev.ctrl.service.ApplyService;
import dev.ctrl.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "apply", description = "Validate YAML documents, then write them all in one transaction (or nothing).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl apply -f examples/quickstart", "  ctrl apply -f systems.yaml -f policies/ --dry-run",
        "  ctrl apply -f config/ --prune     # also delete objects no file declares"})
final class ApplyCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
      description = "A YAML file or a directory of them (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--dry-run", description = "Validate and print what would change; write nothing.")
  boolean dryRun;

  @Option(names = "--prune", description = "Delete declared objects that no file mentions (never versions or history).")
  boolean prune;

  ApplyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Path> paths = files.stream().map(p -> ctx.cwd().resolve(p).toAbsolutePath().normalize()).toList();
    ApplyService.Result result;
    try (Store store = ctx.openStore()) {
      result = new ApplyService(store, new CelExpressions(), ctx.actor(), ctx.clock().instant())
          .apply(paths, ctx.cwd(), dryRun, prune);
    }
    result.warnings().forEach(w -> ctx.err().println("warning: " + w));
    if (ctx.global().output() == OutputFormat.table) {
      String suffix = dryRun ? " (dry run)" : "";
      for (ApplyService.Line l : result.lines()) {
        ctx.out().println(l.type().singular() + "/" + l.id() + " " + l.change().word() + suffix);
      }
      ctx.err().println("release targets: " + result.targetCount() + " (" + result.targetsAdded().size() + " added, "
          + result.targetsRemoved().size() + " removed)" + suffix);
      return 0;
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (ApplyService.Line l : result.lines()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", l.type().kind());
      m.put("name", l.id());
      m.put("change", l.change().word());
      objects.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dryRun", dryRun);
    out.put("objects", objects);
    out.put("targetsAdded", result.targetsAdded().stream().map(Object::toString).toList());
    out.put("targetsRemoved", result.targetsRemoved().stream().map(Object::toString).toList());
    out.put("targetCount", result.targetCount());
    out.put("warnings", result.warnings());
    ctx.renderer().object(out, () -> ctx.out().println(JsonText.pretty(out)));
    return 0;
  }
}
