package dev.ctrl.model;

import dev.ctrl.model.rules.PolicyRule;
import java.util.List;

/** A policy; rules are numbered from 1 in the order written. A null selector matches nothing. */
public record PolicySpec(
    String name, String description, String selector, int priority, boolean enabled, List<PolicyRule> rules)
    implements Declared {
  public PolicySpec {
    rules = List.copyOf(rules);
  }

  @Override
  public ObjectType type() {
    return ObjectType.POLICY;
  }

  @Override
  public String id() {
    return name;
  }
}
