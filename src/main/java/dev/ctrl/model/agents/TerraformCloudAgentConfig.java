package dev.ctrl.model.agents;

import java.util.Map;

/** vcsRepo and configuration are null when not set; token is a secret reference. */
public record TerraformCloudAgentConfig(
    String address,
    String organization,
    String workspace,
    String token,
    Map<String, TerraformVariable> variables,
    boolean autoApply,
    boolean createWorkspace,
    VcsRepo vcsRepo,
    String configuration)
    implements AgentConfig {
  public TerraformCloudAgentConfig {
    variables = Map.copyOf(variables);
  }

  /** category is `terraform` or `env`. */
  public record TerraformVariable(String value, String category, boolean sensitive, boolean hcl, String description) {}

  public record VcsRepo(String identifier, String branch, String oauthTokenId) {}

  @Override
  public String kind() {
    return "terraformCloud";
  }
}
