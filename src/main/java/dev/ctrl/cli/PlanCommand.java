package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.engine.Action;
import dev.ctrl.engine.Decision;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.service.PlanService;
import dev.ctrl.store.Store;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "plan",
    description = "Show, for every release target, the version it should run and what holds it back. Writes nothing.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl plan", "  ctrl plan --deployment api --environment production -o json",
        "  ctrl plan --at 2026-11-30T09:00:00Z      # what will have opened by then",
        "  ctrl plan --summary                      # counts per deployment, environment and action"})
final class PlanCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment (repeatable).")
  List<String> deployments = new ArrayList<>();

  @Option(names = {"-e", "--environment"}, paramLabel = "E", description = "Only this environment (repeatable).")
  List<String> environments = new ArrayList<>();

  @Option(names = "--at", paramLabel = "TIME", description = "Evaluate at this ISO-8601 instant (default: now).")
  String at;

  @Option(names = "--summary", description = "Only counts per deployment, environment and action.")
  boolean summary;

  PlanCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Instant when = at == null ? ctx.clock().instant() : parse(at);
    try (Store store = ctx.openStore()) {
      PlanService plan = new PlanService(store, new CelExpressions());
      if (summary) {
        Map<String, long[]> counts = new TreeMap<>();
        long[] ms = plan.plan(deployments, environments, when, d -> counts.computeIfAbsent(
            d.key().deployment() + "\u0000" + d.key().environment(), k -> new long[Action.values().length])
            [d.action().ordinal()]++);
        printSummary(counts);
        timings(ms);
      } else if (ctx.global().output() == OutputFormat.json) {
        // streamed: a large fleet's plan is never held in memory as a whole
        Renderer.JsonArrayStream array = ctx.renderer().jsonArrayStream();
        long[] ms = plan.plan(deployments, environments, when, PlanJson::element,
            array::addRendered);
        array.close();
        timings(ms);
      } else {
        print(plan.plan(deployments, environments, when));
      }
    }
    return 0;
  }

  private void timings(long[] ms) {
    if (ctx.global().verbose()) {
      ctx.err().println("plan: loaded the state in " + ms[0] + " ms, decided (and printed) in " + ms[1] + " ms");
    }
  }

  static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw CtrlException.usage("--at \"" + text + "\" is not an ISO-8601 instant (like 2026-11-30T09:00:00Z)");
    }
  }

  private void print(List<Decision> decisions) {
    Renderer r = ctx.renderer();
    if (r.format() != OutputFormat.table) {
      r.list(decisions.stream().map(PlanJson::map).toList(), List.of(), "", ctx.err());
      return;
    }
    if (decisions.isEmpty()) {
      ctx.err().println("No release targets to plan.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("DEPLOYMENT", "ENVIRONMENT", "RESOURCE", "CURRENT", "DESIRED", "ACTION", "WHY"));
    String lastGroup = null;
    for (Decision d : decisions) {
      String group = d.key().deployment() + "/" + d.key().environment();
      boolean first = !group.equals(lastGroup);
      lastGroup = group;
      rows.add(List.of(first ? d.key().deployment() : "", first ? d.key().environment() : "", d.key().resource(),
          dash(d.currentVersion()), dash(d.desiredVersion()), paint(r, d.action()), PlanView.why(d, r)));
    }
    r.table(rows);
  }

  private static String paint(Renderer r, Action a) {
    return switch (a) {
      case DEPLOY -> r.paint(a.wire(), "green");
      case WAIT -> r.paint(a.wire(), "yellow");
      case BLOCKED, ROLLBACK -> r.paint(a.wire(), "red");
      default -> a.wire();
    };
  }

  private void printSummary(Map<String, long[]> counts) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      String[] parts = e.getKey().split("\u0000");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("deployment", parts[0]);
      m.put("environment", parts[1]);
      long total = 0;
      for (long c : e.getValue()) {
        total += c;
      }
      m.put("targets", total);
      for (Action a : Action.values()) {
        m.put(a.wire(), e.getValue()[a.ordinal()]);
      }
      items.add(m);
    }
    List<Renderer.Column> columns = new ArrayList<>(List.of(
        new Renderer.Column("DEPLOYMENT", m -> (String) m.get("deployment")),
        new Renderer.Column("ENVIRONMENT", m -> (String) m.get("environment")),
        new Renderer.Column("TARGETS", m -> String.valueOf(m.get("targets")))));
    for (Action a : Action.values()) {
      columns.add(new Renderer.Column(a.wire().toUpperCase(), m -> String.valueOf(m.get(a.wire()))));
    }
    ctx.renderer().list(items, columns, "No release targets to plan.", ctx.err());
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
