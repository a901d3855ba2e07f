package dev.ctrl.cli;

import dev.ctrl.model.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stable shape of versions, shared by `get versions` and `version list`. */
final class VersionListing {
  private VersionListing() {}

  static Map<String, Object> of(Version v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deployment", v.deployment());
    m.put("tag", v.tag());
    m.put("name", v.name());
    m.put("status", v.status().wire());
    m.put("metadata", v.metadata());
    m.put("config", v.config());
    m.put("message", v.message());
    m.put("createdAt", v.createdAt().toString());
    m.put("updatedAt", v.updatedAt().toString());
    return m;
  }

  static void print(CliContext ctx, List<Version> versions) {
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = versions.stream().map(VersionListing::of).toList();
    r.list(items, List.of(
        new Renderer.Column("DEPLOYMENT", m -> (String) m.get("deployment")),
        new Renderer.Column("TAG", m -> (String) m.get("tag")),
        new Renderer.Column("STATUS", m -> paint(r, (String) m.get("status"))),
        new Renderer.Column("CREATED", m -> r.ago(java.time.Instant.parse((String) m.get("createdAt")))),
        new Renderer.Column("MESSAGE", m -> (String) m.get("message"))),
        "No versions. CI creates them with: ctrl version create --deployment D --tag T", ctx.err());
  }

  private static String paint(Renderer r, String status) {
    return switch (status) {
      case "ready" -> r.paint(status, "green");
      case "failed", "rejected" -> r.paint(status, "red");
      case "paused", "building" -> r.paint(status, "yellow");
      default -> status;
    };
  }
}
