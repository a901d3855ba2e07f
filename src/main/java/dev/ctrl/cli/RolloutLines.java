package dev.ctrl.cli;

import dev.ctrl.json.JsonText;
import dev.ctrl.rollout.RolloutEvent;
import dev.ctrl.rollout.RolloutListener;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rollout's output off a terminal (CI logs): one line per event with a UTC timestamp, or with
 * `-o json` one JSON object per line with stable fields (at, kind, target, version, jobId,
 * status, message).
 */
final class RolloutLines implements RolloutListener {
  private final PrintWriter out;
  private final boolean json;

  RolloutLines(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  @Override
  public synchronized void event(RolloutEvent e) {
    if (!json && e.kind().equals("rollout.done")) {
      return; // the command prints the summary once, on stderr (CI logs merge both streams)
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", e.at().truncatedTo(ChronoUnit.MILLIS).toString());
      m.put("kind", e.kind());
      m.put("target", e.target());
      m.put("version", e.version());
      m.put("jobId", e.jobId());
      m.put("status", e.status());
      m.put("message", e.message());
      out.println(JsonText.compact(m));
    } else {
      StringBuilder line = new StringBuilder(e.at().truncatedTo(ChronoUnit.SECONDS).toString());
      line.append("  ").append(String.format("%-22s", e.kind()));
      if (e.target() != null) {
        line.append("  ").append(e.target());
      }
      if (e.version() != null && (e.message() == null || !e.message().contains(e.version()))) {
        line.append("  ").append(e.version());
      }
      if (e.status() != null && (e.kind().equals("job.status") || e.kind().equals("verification.measured"))) {
        line.append("  ").append(e.status());
      }
      if (e.message() != null && !e.message().isEmpty()) {
        line.append("  ").append(e.message());
      }
      if (e.jobId() != null && !e.kind().equals("verification.measured")) {
        line.append("  (job ").append(e.jobId(), 0, Math.min(8, e.jobId().length())).append(')');
      }
      out.println(line);
    }
    out.flush();
  }
}
