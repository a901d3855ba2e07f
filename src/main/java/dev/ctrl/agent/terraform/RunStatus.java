package dev.ctrl.agent.terraform;

import dev.ctrl.json.JsonPath;
import dev.ctrl.model.JobStatus;
import java.util.Map;
import java.util.Set;

/**
 * A run's status in Terraform Cloud (EXTERNAL-APIS.md 3.6) as a job status, with words for people.
 *
 * <ul>
 *   <li>`applied` and `planned_and_finished` (no changes, nothing to apply) are successful;
 *   <li>`errored`, `discarded`, `policy_soft_failed`, `canceled` and `force_canceled` are
 *       failures (as the issue specifies: a run stopped in Terraform Cloud did not deploy the
 *       version, so retry and rollback rules apply); a job stopped with `ctrl job cancel` is
 *       recorded cancelled by ctrl itself and never polled again;
 *   <li>a plan that waits for confirmation (`is-confirmable`), a soft-failed policy to override
 *       and a run task's decision are action_required: a person acts in Terraform Cloud;
 *   <li>`pending` (queued behind the workspace's other runs) is pending; the rest is in progress.
 * </ul>
 */
final class RunStatus {
  /** Plans that stop here while they wait for confirmation (when `actions.is-confirmable`). */
  private static final Set<String> CONFIRMABLE = Set.of("planned", "cost_estimated", "policy_checked",
      "post_plan_completed", "planned_and_saved");

  private RunStatus() {}

  record Mapped(JobStatus status, String message) {}

  static Mapped of(String runId, Map<String, Object> attributes) {
    String status = String.valueOf(attributes.get("status"));
    boolean confirmable = JsonPath.bool(attributes, "actions", "is-confirmable");
    String run = "run " + runId + " ";
    return switch (status) {
      case "applied" -> new Mapped(JobStatus.SUCCESSFUL, run + "applied");
      case "planned_and_finished" -> new Mapped(JobStatus.SUCCESSFUL, run + "planned and finished: no changes to apply");
      case "errored" -> new Mapped(JobStatus.FAILURE, run + "errored: its plan or apply log in Terraform Cloud says why");
      case "discarded" -> new Mapped(JobStatus.FAILURE, run + "was discarded in Terraform Cloud: nothing was applied");
      case "policy_soft_failed" -> new Mapped(JobStatus.FAILURE, run + "failed a policy check: nothing was applied");
      case "canceled", "force_canceled" -> new Mapped(JobStatus.FAILURE, run + "was canceled in Terraform Cloud: nothing more was applied");
      case "policy_override" -> new Mapped(JobStatus.ACTION_REQUIRED, run
          + "waits on a soft-failed policy: override it or discard the run in Terraform Cloud");
      case "post_plan_awaiting_decision" -> new Mapped(JobStatus.ACTION_REQUIRED, run
          + "waits on a run task: decide in Terraform Cloud");
      case "pending" -> new Mapped(JobStatus.PENDING, run + "pending: queued behind other runs of the workspace");
      default -> CONFIRMABLE.contains(status) && confirmable
          ? new Mapped(JobStatus.ACTION_REQUIRED, run + status.replace('_', ' ')
              + " and waits for confirmation: apply or discard it in Terraform Cloud")
          : new Mapped(JobStatus.IN_PROGRESS, run + status.replace('_', ' '));
    };
  }

  /** Whether Terraform Cloud will never change this run again. */
  static boolean terminal(String status) {
    // derived from the mapping, so a status added there cannot be missed here
    return of("", Map.of("status", status)).status().terminal();
  }
}
