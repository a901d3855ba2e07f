package dev.ctrl.agent;

import java.util.List;
import java.util.Map;

/**
 * What to run for one job, with templates and secrets already resolved by the caller.
 *
 * @param command the exec agent's argument list (other agents ignore it)
 * @param env environment variables for the job: CTRL_JOB_ID, CTRL_DEPLOYMENT, ... and the agent's
 * @param workingDir null for the state file's directory
 * @param timeoutSeconds how long the job may run before it is stopped and failed
 */
public record DispatchRequest(
    String jobId, List<String> command, Map<String, String> env, String workingDir, long timeoutSeconds) {
  public DispatchRequest {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }
}
