package dev.ctrl.cli;

import dev.ctrl.engine.Decision;
import dev.ctrl.engine.RuleResult;

/** A plan decision's one-line explanation, for tables (its JSON shape is PlanJson's). */
final class PlanView {
  private PlanView() {}

  /** Why the target is where it is, in one line: the first obstacle, and when it lifts. */
  static String why(Decision d, Renderer r) {
    RuleResult o = d.firstObstacle();
    switch (d.action()) {
      case DEPLOY -> {
        return "ready to deploy " + d.desiredVersion();
      }
      case ROLLBACK -> {
        return d.jobGates().isEmpty() ? "roll back" : d.jobGates().get(0).reason();
      }
      case NONE -> {
        return d.currentVersion() == null ? "no ready version" : "up to date";
      }
      default -> {
        if (o == null) {
          return d.currentVersion() == null && d.versions().isEmpty() ? "no ready version" : "";
        }
        String where = o.policy() == null ? o.type() : o.policy() + " #" + o.rule() + " " + o.type();
        String when = o.nextEvaluation() == null ? "" : " (" + r.until(o.nextEvaluation()) + ")";
        return where + ": " + o.reason() + when;
      }
    }
  }
}
