package dev.ctrl.engine.rules;

import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.rules.VersionSelectorRule;

/** The version must match a CEL selector. */
public final class VersionSelectorGate {
  private VersionSelectorGate() {}

  public static RuleResult evaluate(VersionSelectorRule rule, RuleInput in) {
    String what = rule.description() != null ? rule.description() : rule.selector();
    try {
      if (Selector.compile(rule.selector(), in.cel()).matches(in.variables())) {
        return RuleResult.allowed("versionSelector", in.version().tag() + " matches " + what, null);
      }
      return RuleResult.denied("versionSelector", in.version().tag() + " does not match " + what);
    } catch (ExprException e) {
      return RuleResult.denied("versionSelector", "selector \"" + rule.selector() + "\" fails: " + e.getMessage());
    }
  }
}
