package dev.ctrl.cli;

import dev.ctrl.store.Store;
import dev.ctrl.store.TargetRow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "targets", description = "List release targets (deployment x environment x resource) from stored facts.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl get targets", "  ctrl get targets --deployment api --environment production -o json"})
final class GetTargetsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment.")
  String deployment;

  @Option(names = {"-e", "--environment"}, paramLabel = "E", description = "Only this environment.")
  String environment;

  GetTargetsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<TargetRow> rows;
    try (Store store = ctx.openStore()) {
      rows = store.targets(deployment, environment);
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = rows.stream().map(TargetView::of).toList();
    r.list(items, List.of(
        new Renderer.Column("DEPLOYMENT", m -> (String) m.get("deployment")),
        new Renderer.Column("ENVIRONMENT", m -> (String) m.get("environment")),
        new Renderer.Column("RESOURCE", m -> (String) m.get("resource")),
        new Renderer.Column("CURRENT", m -> (String) m.get("currentVersion")),
        new Renderer.Column("DESIRED", m -> (String) m.get("desiredVersion")),
        new Renderer.Column("LATEST JOB", m -> m.get("latestJob") instanceof Map<?, ?> j
            ? j.get("kind") + " " + j.get("status") : null)),
        "No release targets. A target exists where a deployment and an environment share a system and both select a resource.",
        ctx.err());
    return 0;
  }
}
