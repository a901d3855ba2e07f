package dev.ctrl.cli;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.TargetKey;
import dev.ctrl.service.JobViewService.JobDetail;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.ReleaseRow;
import dev.ctrl.store.VerificationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stable JSON shape of a job (`get jobs -o json`, `describe job`, `job update`). */
final class JobView {
  private JobView() {}

  static Map<String, Object> of(JobDetail d) {
    JobRecord j = d.job();
    TargetKey key = TargetKey.parse(j.targetKey());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("target", j.targetKey());
    m.put("deployment", key.deployment());
    m.put("environment", key.environment());
    m.put("resource", key.resource());
    m.put("version", j.tag());
    m.put("kind", j.kind());
    m.put("status", j.status());
    m.put("attempt", j.attempt());
    m.put("agent", j.agent());
    m.put("externalId", j.externalId());
    m.put("message", j.message());
    m.put("links", new LinkedHashMap<String, Object>(d.links()));
    m.put("createdAt", text(j.createdAt()));
    m.put("startedAt", text(j.startedAt()));
    m.put("completedAt", text(j.completedAt()));
    m.put("verification", d.verification() == null ? null : verification(d.verification()));
    return m;
  }

  private static Map<String, Object> verification(VerificationRecord v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", v.status());
    m.put("message", v.message());
    List<String> names = new ArrayList<>(v.metrics());
    v.measurements().stream().map(VerificationRecord.MeasurementRecord::metric).distinct()
        .filter(n -> !names.contains(n)).forEach(names::add);
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (String name : names) {
      List<Map<String, Object>> measurements = new ArrayList<>();
      for (VerificationRecord.MeasurementRecord r : v.measurements()) {
        if (r.metric().equals(name)) {
          Map<String, Object> one = new LinkedHashMap<>();
          one.put("verdict", r.verdict());
          one.put("at", text(r.at()));
          one.put("error", r.error());
          measurements.add(one);
        }
      }
      Map<String, Object> metric = new LinkedHashMap<>();
      metric.put("name", name);
      metric.put("measurements", measurements);
      metrics.add(metric);
    }
    m.put("metrics", metrics);
    return m;
  }

  /** `{id, variables, createdAt}` of a job's release (describe job). */
  static Map<String, Object> release(ReleaseRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("variables", JsonText.parse(r.variablesJson()));
    m.put("createdAt", text(r.createdAt()));
    return m;
  }

  /**
   * The table's VERIFICATION cell: passed, failed, `running 2/5` (measurements judged of those
   * expected; `?` when a metric's count is unknown), or null.
   */
  static String verificationSummary(JobDetail d) {
    if (d.verification() == null) {
      return null;
    }
    if (!"running".equals(d.verification().status())) {
      return d.verification().status();
    }
    var p = d.progress();
    return "running " + p.judged() + "/" + (p.expected() == null ? "?" : p.expected());
  }

  /** Statuses coloured as the other tables colour them. */
  static String paint(Renderer r, String status) {
    return switch (status) {
      case "successful", "passed" -> r.paint(status, "green");
      case "pending", "in_progress", "action_required", "running", "inconclusive", "no-data" -> r.paint(status, "yellow");
      case "cancelled", "skipped" -> r.paint(status, "grey");
      default -> r.paint(status, "red");
    };
  }

  static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }

  static String truncate(String text, int max) {
    if (text == null) {
      return null;
    }
    String line = text.strip().replace('\n', ' ');
    return line.length() > max ? line.substring(0, max - 3) + "..." : line;
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
