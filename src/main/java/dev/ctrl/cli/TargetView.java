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
    Map<String, Object> job = null;
    if (t.latestJob() != null) {
      job = new LinkedHashMap<>();
      job.put("id", t.latestJob().id());
      job.put("status", t.latestJob().status());
      job.put("kind", t.latestJob().kind());
    }
    m.put("latestJob", job);
    m.put("verification", t.verification());
    m.put("createdAt", t.createdAt().toString());
    return m;
  }
}
