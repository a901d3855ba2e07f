package dev.ctrl.cli;

import dev.ctrl.store.TargetRow;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stable JSON shape of a release target (`get targets -o json`, `describe target`). */
final class TargetView {
  private TargetView() {}

  static Map<String, Object> of(TargetRow t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", t.key().toString());
    m.put("deployment", t.key().deployment());
    m.put("environment", t.key().environment());
    m.put("resource", t.key().resource());
    m.put("resourceName", t.resourceName());
    m.put("currentVersion", t.currentVersion());
    m.put("desiredVersion", t.desiredVersion());
    m.put("latestJob", latestJob(t.latestJob()));
    m.put("verification", t.verification());
    m.put("createdAt", t.createdAt().toString());
    return m;
  }

  /** `{id, status, kind}` of a latest job, or null; shared with releases. */
  static Map<String, Object> latestJob(TargetRow.LatestJob j) {
    if (j == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("status", j.status());
    m.put("kind", j.kind());
    return m;
  }
}
