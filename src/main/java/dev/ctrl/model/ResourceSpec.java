package dev.ctrl.model;

import java.util.Map;

public record ResourceSpec(
    String identifier, String name, String kind, String version, Map<String, String> metadata, Map<String, Object> config)
    implements Declared {
  public ResourceSpec {
    metadata = Map.copyOf(metadata);
    config = Map.copyOf(config);
  }

  @Override
  public ObjectType type() {
    return ObjectType.RESOURCE;
  }

  @Override
  public String id() {
    return identifier;
  }
}
