package dev.ctrl.model.rules;

import java.util.List;

/** Per (version, environment): minApprovals approvals, only from `approvers` when that is set. */
public record ApprovalRule(int minApprovals, List<String> approvers) implements PolicyRule {
  public ApprovalRule {
    approvers = List.copyOf(approvers);
  }

  @Override
  public String typeName() {
    return "approval";
  }
}
