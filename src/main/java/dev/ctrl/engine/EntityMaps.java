package dev.ctrl.engine;

import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import java.util.HashMap;
import java.util.Map;

/** The maps CEL expressions see for each entity (DOMAIN.md section 3). */
public final class EntityMaps {
  private EntityMaps() {}

  public static Map<String, Object> resource(ResourceSpec r) {
    Map<String, Object> m = new HashMap<>();
    m.put("identifier", r.identifier());
    m.put("name", r.name());
    m.put("kind", r.kind());
    m.put("version", r.version());
    m.put("metadata", r.metadata());
    m.put("config", r.config());
    return m;
  }

  public static Map<String, Object> environment(EnvironmentSpec e) {
    return named(e.name(), e.description(), e.metadata());
  }

  public static Map<String, Object> deployment(DeploymentSpec d) {
    return named(d.name(), d.description(), d.metadata());
  }

  public static Map<String, Object> version(dev.ctrl.model.Version v) {
    Map<String, Object> m = new HashMap<>();
    m.put("tag", v.tag());
    m.put("name", v.name() == null ? v.tag() : v.name());
    m.put("status", v.status().wire());
    m.put("metadata", v.metadata());
    m.put("config", v.config());
    m.put("createdAt", v.createdAt().toString());
    return m;
  }

  private static Map<String, Object> named(String name, String description, Map<String, Object> metadata) {
    Map<String, Object> m = new HashMap<>();
    m.put("name", name);
    m.put("description", description == null ? "" : description);
    m.put("metadata", metadata);
    return m;
  }
}
