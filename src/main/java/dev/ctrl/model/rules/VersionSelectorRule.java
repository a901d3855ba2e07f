package dev.ctrl.model.rules;

public record VersionSelectorRule(String selector, String description) implements PolicyRule {
  @Override
  public String typeName() {
    return "versionSelector";
  }
}
