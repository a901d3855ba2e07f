package dev.ctrl.model;

import java.util.List;
import java.util.Map;

/** A deployment; a null resourceSelector matches no resource. */
public record DeploymentSpec(
    String name,
    String description,
    List<String> systems,
    String resourceSelector,
    String agent,
    Map<String, Object> agentConfig,
    Map<String, Object> metadata)
    implements Declared {
  public DeploymentSpec {
    systems = List.copyOf(systems);
    agentConfig = Map.copyOf(agentConfig);
    metadata = Map.copyOf(metadata);
  }

  @Override
  public ObjectType type() {
    return ObjectType.DEPLOYMENT;
  }

  @Override
  public String id() {
    return name;
  }
}
