package dev.ctrl.cli;

import dev.ctrl.json.JsonText;
import dev.ctrl.store.ReleaseRow;
import dev.ctrl.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(mixinStandardHelpOptions = true, name = "releases",
    description = "List releases (a version with its variables for one target), newest first.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl get releases --deployment api", "  ctrl get releases --target api/production/k8s/eu-west-1/prod -o json"})
final class GetReleasesCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin TargetScope scope;

  GetReleasesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String target = scope.target();
    List<ReleaseRow> rows;
    try (Store store = ctx.openStore()) {
      rows = store.releases(scope.deployment, scope.environment, target);
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = rows.stream().map(GetReleasesCommand::view).toList();
    r.list(items, List.of(
        new Renderer.Column("ID", m -> String.valueOf(m.get("id"))),
        new Renderer.Column("TARGET", m -> (String) m.get("target")),
        new Renderer.Column("VERSION", m -> (String) m.get("version")),
        new Renderer.Column("CREATED", m -> r.ago(Instant.parse((String) m.get("createdAt")))),
        new Renderer.Column("LATEST JOB", m -> m.get("latestJob") instanceof Map<?, ?> j
            ? j.get("kind") + " " + JobView.paint(r, (String) j.get("status")) : null)),
        "No releases yet: the rollout loop creates one when it first deploys a version to a target.", ctx.err());
    return 0;
  }

  static Map<String, Object> view(ReleaseRow row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", row.id());
    m.put("target", row.target().toString());
    m.put("deployment", row.target().deployment());
    m.put("environment", row.target().environment());
    m.put("resource", row.target().resource());
    m.put("version", row.tag());
    m.put("variables", JsonText.parse(row.variablesJson()));
    m.put("createdAt", row.createdAt().toString());
    m.put("latestJob", TargetView.latestJob(row.latestJob()));
    return m;
  }
}
