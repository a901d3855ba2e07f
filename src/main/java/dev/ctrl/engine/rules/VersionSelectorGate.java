package dev.ctrl.engine.rules;

import dev.ctrl.engine.Policies;
import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Selector;
import dev.ctrl.model.rules.VersionSelectorRule;

/** The version must match a CEL selector. */
public final class VersionSelectorGate {
  private VersionSelectorGate() {}

  public static RuleResult evaluate(VersionSelectorRule rule, RuleInput in) {
    // a selector that does not read the resource says the same of a version on every target of
    // the group: evaluated once per group and version, not once per target
    boolean perTarget = in.caches().memo(new ReadsKey(rule), k -> Policies.readsResource(rule.selector()));
    if (perTarget) {
      return verdict(rule, in);
    }
    return in.caches().memo(new VersionKey(rule, in.version().id()), k -> verdict(rule, in));
  }

  /** Keys by the rule's identity: a record's own hash would walk the selector text every time. */
  private record ReadsKey(VersionSelectorRule rule) {
    @Override
    public boolean equals(Object o) {
      return o instanceof ReadsKey k && k.rule == rule;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rule);
    }
  }

  private record VersionKey(VersionSelectorRule rule, long versionId) {
    @Override
    public boolean equals(Object o) {
      return o instanceof VersionKey k && k.rule == rule && k.versionId == versionId;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rule) * 31 + Long.hashCode(versionId);
    }
  }

  private static RuleResult verdict(VersionSelectorRule rule, RuleInput in) {
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
