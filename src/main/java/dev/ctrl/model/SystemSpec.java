package dev.ctrl.model;

import java.util.Map;

public record SystemSpec(String name, String description, Map<String, Object> metadata) implements Declared {
  public SystemSpec {
    metadata = Map.copyOf(metadata);
  }

  @Override
  public ObjectType type() {
    return ObjectType.SYSTEM;
  }

  @Override
  public String id() {
    return name;
  }
}
