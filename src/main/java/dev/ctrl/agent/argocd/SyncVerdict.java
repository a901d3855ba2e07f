package dev.ctrl.agent.argocd;

import dev.ctrl.agent.PollResult;
import dev.ctrl.json.JsonPath;
import dev.ctrl.model.JobStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an Application says about one job's sync (EXTERNAL-APIS.md 2.6, as `argocd app wait`
 * decides). The job's operation is recognised by the `ctrl.dev/job-id` info ctrl sends with the
 * sync: the server copies it into `operation.info`, and the controller into
 * `status.operationState.operation.info`, so at every moment it is in one of the two until
 * another operation replaces it.
 *
 * <pre>
 * our operation requested, not started          in_progress
 * operationState Running / Terminating          in_progress
 * Failed / Error, "Operation terminated"        cancelled
 * Failed / Error, other                          failure (operation and resource messages)
 * Succeeded, wait: false                         successful
 * Succeeded, not yet reconciled after finish     in_progress
 * Succeeded, Synced and Healthy                  successful
 * Succeeded, health Degraded                     failure (health message)
 * Succeeded, health Suspended                    action_required
 * Succeeded, other sync/health                   in_progress
 * wait: false and our operation accepted         successful
 * another operation replaced ours                external_run_not_found
 * </pre>
 */
final class SyncVerdict {
  static final String JOB_INFO = "ctrl.dev/job-id";
  static final String WAIT_INFO = "ctrl.dev/wait";

  private SyncVerdict() {}

  static PollResult judge(Map<String, Object> app, ArgoRef ref, Map<String, String> links) {
    Map<String, Object> pending = JsonPath.object(app, "operation");
    Map<String, Object> state = JsonPath.object(app, "status", "operationState");
    boolean requested = ours(pending, ref.jobId());
    boolean running = state != null && ours(JsonPath.object(state, "operation"), ref.jobId());
    if (!requested && !running) {
      String other = state == null ? "" : " (its last operation started " + JsonPath.text(state, "startedAt") + ", "
          + JsonPath.text(state, "phase") + ")";
      return new PollResult(JobStatus.EXTERNAL_RUN_NOT_FOUND, "the sync of job " + ref.jobId()
          + " is no longer recorded on application " + ref.app() + ": another operation replaced it" + other, links);
    }
    if (!running) {
      return ref.waitForHealth() ? new PollResult(JobStatus.IN_PROGRESS, "sync requested; waiting for the Argo CD controller",
          links) : new PollResult(JobStatus.SUCCESSFUL, "sync accepted (wait: false)", links);
    }
    String phase = JsonPath.text(state, "phase");
    String message = JsonPath.text(state, "message");
    switch (phase) {
      case "Failed", "Error" -> {
        if (message.equals("Operation terminated")) {
          return new PollResult(JobStatus.CANCELLED, "sync terminated in Argo CD", links);
        }
        return new PollResult(JobStatus.FAILURE, "sync " + phase.toLowerCase(java.util.Locale.ROOT) + ": "
            + (message.isEmpty() ? "(no message)" : message) + resourceMessages(state), links);
      }
      case "Succeeded" -> {
        // fall through to health below
      }
      default -> {
        if (!ref.waitForHealth()) {
          return new PollResult(JobStatus.SUCCESSFUL, "sync accepted (wait: false)", links);
        }
        return new PollResult(JobStatus.IN_PROGRESS, "sync " + (phase.isEmpty() ? "starting" : phase) + ": " + message,
            links);
      }
    }
    String revision = JsonPath.text(state, "syncResult", "revision");
    String synced = "synced" + (revision.isEmpty() ? "" : " to " + shortRevision(revision));
    if (!ref.waitForHealth()) {
      return new PollResult(JobStatus.SUCCESSFUL, synced, links);
    }
    if (requested || !reconciledAfter(app, state)) {
      return new PollResult(JobStatus.IN_PROGRESS, synced + "; waiting for Argo CD to compare the result", links);
    }
    String sync = JsonPath.text(app, "status", "sync", "status");
    String health = JsonPath.text(app, "status", "health", "status");
    String healthMessage = JsonPath.text(app, "status", "health", "message");
    if (health.equals("Degraded")) {
      return new PollResult(JobStatus.FAILURE, synced + " but the application is Degraded"
          + (healthMessage.isEmpty() ? "" : ": " + healthMessage) + degradedResources(app), links);
    }
    if (sync.equals("Synced") && health.equals("Healthy")) {
      return new PollResult(JobStatus.SUCCESSFUL, synced + ", Synced and Healthy", links);
    }
    if (health.equals("Suspended")) {
      return new PollResult(JobStatus.ACTION_REQUIRED, synced + " and the application is Suspended (a paused "
          + "rollout or a suspended job): resume it in Argo CD", links);
    }
    return new PollResult(JobStatus.IN_PROGRESS, synced + "; waiting for Synced and Healthy (now "
        + (sync.isEmpty() ? "Unknown" : sync) + ", " + (health.isEmpty() ? "Unknown" : health) + ")", links);
  }

  /** Whether an operation carries the job's info. */
  static boolean ours(Map<String, Object> operation, String jobId) {
    return jobId.equals(info(operation, JOB_INFO));
  }

  /** The value of one info of an operation, or null. */
  static String info(Map<String, Object> operation, String name) {
    for (Object i : JsonPath.list(operation, "info")) {
      if (name.equals(JsonPath.text(i, "name"))) {
        return JsonPath.text(i, "value");
      }
    }
    return null;
  }

  /** Sync and health describe the state after the sync only once the app was reconciled after it finished. */
  private static boolean reconciledAfter(Map<String, Object> app, Map<String, Object> state) {
    Instant finished = instant(JsonPath.text(state, "finishedAt"));
    Instant reconciled = instant(JsonPath.text(app, "status", "reconciledAt"));
    return finished == null || (reconciled != null && !reconciled.isBefore(finished));
  }

  private static Instant instant(String s) {
    try {
      return s.isEmpty() ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String shortRevision(String r) {
    return r.matches("[0-9a-f]{40}") ? r.substring(0, 7) : r;
  }

  /** "; Deployment checkout: message" for the resources whose sync failed, at most three. */
  private static String resourceMessages(Map<String, Object> state) {
    List<String> out = new ArrayList<>();
    for (Object r : JsonPath.list(state, "syncResult", "resources")) {
      String status = JsonPath.text(r, "status");
      String hook = JsonPath.text(r, "hookPhase");
      if ((status.equals("SyncFailed") || hook.equals("Failed") || hook.equals("Error"))
          && !JsonPath.text(r, "message").isEmpty()) {
        out.add(JsonPath.text(r, "kind") + " " + JsonPath.text(r, "name") + ": " + JsonPath.text(r, "message"));
      }
    }
    return out.isEmpty() ? "" : "; " + String.join("; ", out.subList(0, Math.min(3, out.size())));
  }

  /** "; Deployment checkout: message" for the resources whose health is Degraded, at most three. */
  private static String degradedResources(Map<String, Object> app) {
    List<String> out = new ArrayList<>();
    for (Object r : JsonPath.list(app, "status", "resources")) {
      if (JsonPath.text(r, "health", "status").equals("Degraded")) {
        String m = JsonPath.text(r, "health", "message");
        out.add(JsonPath.text(r, "kind") + " " + JsonPath.text(r, "name") + (m.isEmpty() ? "" : ": " + m));
      }
    }
    return out.isEmpty() ? "" : "; " + String.join("; ", out.subList(0, Math.min(3, out.size())));
  }
}
