package dev.ctrl.model;

import dev.ctrl.model.agents.AgentConfig;

public record JobAgentSpec(String name, String description, AgentConfig config) implements Declared {
  @Override
  public ObjectType type() {
    return ObjectType.JOB_AGENT;
  }

  @Override
  public String id() {
    return name;
  }
}
