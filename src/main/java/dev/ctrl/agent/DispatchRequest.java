package dev.ctrl.agent;

import java.util.List;
import java.util.Map;

/**
 * What to run for one job.
 *
 * @param command the exec agent's argument list, templates and secrets resolved (others: empty)
 * @param env environment variables for the job: CTRL_JOB_ID, CTRL_DEPLOYMENT, ... and the agent's
 * @param workingDir null for the state file's directory
 * @param timeoutSeconds how long the job may run before it is stopped and failed
 * @param config for remote agents: the merged configuration (agent < deployment < version) as
 *     written, `{{ }}` templates and `${env:}` references unresolved; the agent renders the
 *     fields it reads with {@link AgentSupport}, so a resolved secret exists only in that call
 * @param variables what templates read: deployment, environment, resource, version, job, release
 */
public record DispatchRequest(String jobId, List<String> command, Map<String, String> env, String workingDir,
    long timeoutSeconds, Map<String, Object> config, Map<String, Object> variables) {
  public DispatchRequest {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    // as written: a YAML null may be a value, which Map.copyOf would refuse
    config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
  }

  /** An exec agent's request: everything already resolved. */
  public DispatchRequest(String jobId, List<String> command, Map<String, String> env, String workingDir,
      long timeoutSeconds) {
    this(jobId, command, env, workingDir, timeoutSeconds, Map.of(), Map.of());
  }
}
