package dev.ctrl.model;

import java.util.List;
import java.util.Map;

/** An environment; a null resourceSelector matches no resource. */
public record EnvironmentSpec(
    String name, String description, List<String> systems, String resourceSelector, Map<String, Object> metadata)
    implements Declared {
  public EnvironmentSpec {
    systems = List.copyOf(systems);
    metadata = Map.copyOf(metadata);
  }

  @Override
  public ObjectType type() {
    return ObjectType.ENVIRONMENT;
  }

  @Override
  public String id() {
    return name;
  }
}
