package dev.ctrl.cli;

import dev.ctrl.rollout.RolloutEvent;
import dev.ctrl.rollout.RolloutListener;
import dev.ctrl.rollout.TargetProgress;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rollout on a terminal: a table of targets redrawn in place after every tick (target,
 * version, phase, what it waits for or how far its verification is). Failures and blocks are
 * also printed once above the table so they stay in the scrollback. Large fleets show the active
 * targets first and a count of the rest.
 */
final class RolloutLiveView implements RolloutListener {
  private static final int MAX_ROWS = 25;
  private final PrintWriter out;
  private final Renderer renderer;
  private int drawnLines;

  RolloutLiveView(PrintWriter out, Renderer renderer) {
    this.out = out;
    this.renderer = renderer;
  }

  @Override
  public synchronized void event(RolloutEvent e) {
    boolean keep = switch (e.kind()) {
      // rollout.done is not shown: the command prints the summary once, on stderr
      case "version.blocked", "verification.failed", "rollback.started", "lease.waiting", "rollout.stopped" -> true;
      case "job.status" -> !List.of("pending", "in_progress", "successful", "action_required").contains(e.status());
      default -> false;
    };
    if (!keep) {
      return;
    }
    clear();
    String text = (e.target() == null ? "" : e.target() + ": ") + (e.message() == null ? e.kind() : e.message());
    out.println(renderer.paint(text, colour(e)));
    out.flush();
  }

  private static String colour(RolloutEvent e) {
    return e.kind().equals("lease.waiting") ? "yellow" : "red";
  }

  @Override
  public synchronized void progress(List<TargetProgress> rows, Instant now) {
    clear();
    List<TargetProgress> shown = new ArrayList<>();
    Map<String, Integer> hidden = new TreeMap<>();
    rows.stream().filter(r -> !quiet(r.phase())).forEach(shown::add);
    rows.stream().filter(r -> quiet(r.phase())).forEach(shown::add);
    if (shown.size() > MAX_ROWS) {
      for (TargetProgress r : shown.subList(MAX_ROWS - 1, shown.size())) {
        hidden.merge(r.phase(), 1, Integer::sum);
      }
      shown = shown.subList(0, MAX_ROWS - 1);
    }
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("TARGET", "VERSION", "PHASE", "DETAIL"));
    for (TargetProgress r : shown) {
      String version = r.current() == null ? "-" : r.current();
      if (r.desired() != null && !r.desired().equals(r.current())) {
        version = version + " -> " + r.desired();
      }
      String detail = r.detail().length() > 70 ? r.detail().substring(0, 67) + "..." : r.detail();
      table.add(List.of(r.target(), version, r.phase(), detail));
    }
    java.io.StringWriter buf = new java.io.StringWriter();
    PrintWriter w = new PrintWriter(buf);
    new Renderer(w, OutputFormat.table, false, now).table(table);
    if (!hidden.isEmpty()) {
      w.println("... and " + hidden.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
    w.flush();
    String text = buf.toString();
    out.print(text);
    out.flush();
    drawnLines = (int) text.chars().filter(c -> c == '\n').count();
  }

  private static boolean quiet(String phase) {
    return phase.equals("done") || phase.equals("up-to-date");
  }

  /** Moves the cursor back over the last drawn table and erases it. */
  private void clear() {
    if (drawnLines > 0) {
      out.print("\033[" + drawnLines + "F\033[J");
      drawnLines = 0;
    }
  }
}
