package dev.ctrl.rollout;

import java.util.Map;

/** A declared job agent as the loop uses it: its name, its kind and its configuration block as written. */
public record AgentDecl(String name, String kind, Map<String, Object> config) {
  public AgentDecl {
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
  }
}
