package dev.ctrl.model.agents;

/** token, or username and password (secret references); application is a YAML template or null. */
public record ArgoCdAgentConfig(
    String server, String token, String username, String password, String project, String application, boolean waitForHealthy)
    implements AgentConfig {
  @Override
  public String kind() {
    return "argocd";
  }
}
