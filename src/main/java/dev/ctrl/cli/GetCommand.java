package dev.ctrl.cli;

import dev.ctrl.model.agents.AgentConfig;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoredObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(mixinStandardHelpOptions = true, name = "get", description = "List objects: the declared ones, versions, release targets, releases and jobs.",
    subcommands = {GetTargetsCommand.class, GetVersionsCommand.class, GetApprovalsCommand.class,
        GetReleasesCommand.class, GetJobsCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl get environments", "  ctrl get targets --deployment api -o json", "  ctrl get versions -o yaml",
        "  ctrl get jobs --status failure"})
final class GetCommand implements Runnable {
  private final CliContext ctx;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  GetCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say what to get: systems, environments, deployments, resources, agents, policies, versions, targets, "
            + "approvals, releases or jobs");
  }

  @Command(mixinStandardHelpOptions = true, name = "systems", description = "List systems.")
  void systems() {
    list(ObjectType.SYSTEM, List.of(
        col("NAME", "name"), col("DESCRIPTION", "description")));
  }

  @Command(mixinStandardHelpOptions = true, name = "environments", description = "List environments.")
  void environments() {
    list(ObjectType.ENVIRONMENT, List.of(
        col("NAME", "name"), col("SYSTEMS", "systems"), col("RESOURCE SELECTOR", "resourceSelector")));
  }

  @Command(mixinStandardHelpOptions = true, name = "deployments", description = "List deployments.")
  void deployments() {
    list(ObjectType.DEPLOYMENT, List.of(col("NAME", "name"), col("SYSTEMS", "systems"), col("AGENT", "agent"),
        col("RESOURCE SELECTOR", "resourceSelector")));
  }

  @Command(mixinStandardHelpOptions = true, name = "resources", description = "List resources.")
  void resources() {
    list(ObjectType.RESOURCE, List.of(col("IDENTIFIER", "identifier"), col("NAME", "name"), col("KIND", "kind"),
        col("METADATA", "metadata")));
  }

  @Command(mixinStandardHelpOptions = true, name = "agents", description = "List job agents.")
  void agents() {
    list(ObjectType.JOB_AGENT, List.of(col("NAME", "name"), new Renderer.Column("KIND", m ->
        AgentConfig.kindOf(m).orElse("-"))));
  }

  @Command(mixinStandardHelpOptions = true, name = "policies", description = "List policies.")
  void policies() {
    list(ObjectType.POLICY, List.of(col("NAME", "name"), col("PRIORITY", "priority"),
        new Renderer.Column("ENABLED", m -> String.valueOf(!Boolean.FALSE.equals(m.get("enabled")))),
        new Renderer.Column("RULES", m -> m.get("rules") instanceof List<?> l ? String.valueOf(l.size()) : "0"),
        col("SELECTOR", "selector")));
  }

  private void list(ObjectType type, List<Renderer.Column> columns) {
    List<StoredObject> objects;
    try (Store store = ctx.openStore()) {
      objects = store.objects(type);
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = new ArrayList<>();
    for (StoredObject o : objects) {
      Map<String, Object> m = new LinkedHashMap<>(JsonText.parseObject(o.specJson()));
      m.remove("type");
      m.put("createdAt", o.createdAt().toString());
      m.put("updatedAt", o.updatedAt().toString());
      items.add(m);
    }
    List<Renderer.Column> withAge = new ArrayList<>(columns);
    withAge.add(new Renderer.Column("UPDATED", m -> r.ago(java.time.Instant.parse((String) m.get("updatedAt")))));
    r.list(items, withAge, "No " + type.plural() + " declared. Declare them with: ctrl apply -f FILE", ctx.err());
  }

  private static Renderer.Column col(String header, String field) {
    return new Renderer.Column(header, m -> show(m.get(field)));
  }

  static String show(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, val) -> parts.add(k + "=" + (val instanceof String s ? s : JsonText.compact(val))));
      return String.join(",", parts);
    }
    return String.valueOf(v);
  }
}
