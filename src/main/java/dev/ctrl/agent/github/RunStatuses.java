package dev.ctrl.agent.github;

import dev.ctrl.agent.PollResult;
import dev.ctrl.model.JobStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workflow run's `status` and `conclusion` as a job status (EXTERNAL-APIS.md section 1.4). Both
 * are free strings in GitHub's schema, so a value this table does not know is still mapped: an
 * unknown status as in_progress (the run has not said it ended), an unknown conclusion as failure
 * (a run that ended without saying it succeeded did not deploy).
 */
final class RunStatuses {
  private RunStatuses() {}

  static PollResult of(Map<String, Object> run) {
    String status = text(run.get("status"));
    String conclusion = text(run.get("conclusion"));
    String label = label(run);
    Map<String, String> links = new LinkedHashMap<>();
    if (run.get("html_url") instanceof String html && !html.isBlank()) {
      links.put("run", html);
    }
    if (!status.equals("completed")) {
      return new PollResult(running(status), label + " is " + status, links);
    }
    JobStatus s = switch (conclusion) {
      case "success", "neutral" -> JobStatus.SUCCESSFUL;
      case "cancelled" -> JobStatus.CANCELLED;
      case "skipped" -> JobStatus.SKIPPED;
      // failure, timed_out, startup_failure, action_required, stale, and anything new
      default -> JobStatus.FAILURE;
    };
    return new PollResult(s, label + " completed: " + (conclusion.isEmpty() ? "no conclusion" : conclusion), links);
  }

  /**
   * queued, requested and pending: the run waits for a runner (pending); waiting: a protected
   * environment waits for a reviewer's approval, a person must act (action_required).
   */
  private static JobStatus running(String status) {
    return switch (status) {
      case "queued", "requested", "pending" -> JobStatus.PENDING;
      case "waiting" -> JobStatus.ACTION_REQUIRED;
      default -> JobStatus.IN_PROGRESS;
    };
  }

  /** "run 30433642 (#562)". */
  static String label(Map<String, Object> run) {
    Object number = run.get("run_number");
    return "run " + run.get("id") + (number == null ? "" : " (#" + number + ")");
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
