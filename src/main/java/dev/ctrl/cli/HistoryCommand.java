package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.Durations;
import dev.ctrl.store.EventRow;
import dev.ctrl.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "history",
    description = "What changed, newest first, from the append-only audit log.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl history", "  ctrl history --deployment api --since 2h",
        "  ctrl history --target api/production/k8s/eu-west-1/prod -o json"})
final class HistoryCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D",
      description = "Only this deployment: its declaration, versions, targets and jobs.")
  String deployment;

  @Option(names = "--target", paramLabel = "KEY", description = "Only this release target and its jobs.")
  String target;

  @Option(names = "--since", paramLabel = "DURATION", description = "Only the last DURATION (like 30m, 2h, 7d).")
  String since;

  @Option(names = "--limit", paramLabel = "N", description = "At most N events (default 50).")
  int limit = 50;

  HistoryCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Instant from = null;
    if (since != null) {
      Duration d = Durations.parse(since);
      if (d == null) {
        throw CtrlException.usage("--since \"" + since + "\" is not a duration (" + Durations.HINT + ")");
      }
      from = ctx.clock().instant().minus(d);
    }
    if (limit < 1) {
      throw CtrlException.usage("--limit must be at least 1");
    }
    List<EventRow> events;
    try (Store store = ctx.openStore()) {
      events = store.events(deployment, target, from, limit);
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = events.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", e.seq());
      m.put("at", e.at().toString());
      m.put("actor", e.actor());
      m.put("kind", e.kind());
      m.put("subject", e.subject());
      m.put("detail", JsonText.parse(e.detail()));
      return m;
    }).toList();
    r.list(items, List.of(
        new Renderer.Column("WHEN", m -> r.ago(Instant.parse((String) m.get("at")))),
        new Renderer.Column("ACTOR", m -> (String) m.get("actor")),
        new Renderer.Column("EVENT", m -> (String) m.get("kind")),
        new Renderer.Column("SUBJECT", m -> (String) m.get("subject")),
        new Renderer.Column("DETAIL", m -> summary(m.get("detail")))),
        "No events" + (since == null ? "" : " in the last " + since) + ".", ctx.err());
    return 0;
  }

  /** A short line of the detail: documents are too long for a table (see -o json). */
  @SuppressWarnings("unchecked")
  static String summary(Object detail) {
    if (!(detail instanceof Map<?, ?> m) || m.isEmpty()) {
      return "";
    }
    Map<String, Object> shown = new LinkedHashMap<>((Map<String, Object>) m);
    if (shown.remove("spec") != null && shown.isEmpty()) {
      return "";
    }
    String text = JsonText.compact(shown);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
