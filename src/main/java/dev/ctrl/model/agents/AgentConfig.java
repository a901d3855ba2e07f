package dev.ctrl.model.agents;

/** The configuration of a job agent: exactly one kind per agent. */
public sealed interface AgentConfig permits ExecAgentConfig, GithubAgentConfig, ArgoCdAgentConfig, TerraformCloudAgentConfig {
  /** The YAML key of the kind: exec, github, argocd, terraformCloud. */
  String kind();
}
