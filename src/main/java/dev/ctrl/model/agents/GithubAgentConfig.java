package dev.ctrl.model.agents;

import java.util.Map;

/** token is a secret reference. workflow is a file name or a numeric id, kept as text. */
public record GithubAgentConfig(
    String owner, String repo, String workflow, String ref, Map<String, String> inputs, String token, String apiUrl)
    implements AgentConfig {
  public GithubAgentConfig {
    inputs = Map.copyOf(inputs);
  }

  @Override
  public String kind() {
    return "github";
  }
}
