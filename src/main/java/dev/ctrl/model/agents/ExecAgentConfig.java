package dev.ctrl.model.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** workingDir is null when the command runs in the state file's directory. */
public record ExecAgentConfig(List<String> command, Map<String, String> env, String workingDir, Duration timeout)
    implements AgentConfig {
  public ExecAgentConfig {
    command = List.copyOf(command);
    env = Map.copyOf(env);
  }

  @Override
  public String kind() {
    return "exec";
  }
}
