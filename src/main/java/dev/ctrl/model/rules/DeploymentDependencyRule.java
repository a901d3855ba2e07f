package dev.ctrl.model.rules;

/** versionSelector is null when any successful version of the upstream will do. */
public record DeploymentDependencyRule(String deployment, String versionSelector) implements PolicyRule {
  @Override
  public String typeName() {
    return "deploymentDependency";
  }
}
