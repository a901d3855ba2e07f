package dev.ctrl.engine.rules;

import dev.ctrl.engine.ApprovalFact;
import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.model.rules.ApprovalRule;
import java.util.Comparator;
import java.util.List;

/** Per (version, environment): N approvals, from the listed approvers when given; a rejection vetoes. */
public final class ApprovalGate {
  private ApprovalGate() {}

  public static RuleResult evaluate(ApprovalRule rule, RuleInput in) {
    List<ApprovalFact> records = in.index().approvals(in.version().id(), in.environment()).stream()
        .filter(a -> rule.approvers().isEmpty() || rule.approvers().contains(a.approver()))
        .sorted(Comparator.comparing(ApprovalFact::at))
        .toList();
    for (ApprovalFact a : records) {
      if (!a.approved()) {
        return RuleResult.denied("approval", "rejected by " + a.approver() + " in " + in.environment()
            + (a.reason() == null ? "" : ": " + a.reason()));
      }
    }
    if (records.size() >= rule.minApprovals()) {
      ApprovalFact nth = records.get(rule.minApprovals() - 1);
      return RuleResult.allowed("approval", "approved " + records.size() + "/" + rule.minApprovals()
          + " (" + String.join(", ", records.stream().map(ApprovalFact::approver).toList()) + ")", nth.at());
    }
    String who = rule.approvers().isEmpty() ? "" : " from " + String.join(", ", rule.approvers());
    return RuleResult.needsPerson("approval", "approval " + records.size() + "/" + rule.minApprovals() + who
        + " for " + in.version().tag() + " in " + in.environment());
  }
}
