package dev.ctrl.model.agents;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configuration of a job agent: exactly one kind per agent. */
public sealed interface AgentConfig permits ExecAgentConfig, GithubAgentConfig, ArgoCdAgentConfig, TerraformCloudAgentConfig {
  /** The YAML keys of the agent kinds, the one list every reader of a JobAgent document uses. */
  List<String> KINDS = List.of("exec", "github", "argocd", "terraformCloud");

  /** The YAML key of the kind: exec, github, argocd, terraformCloud. */
  String kind();

  /** The kind a JobAgent document (or its stored spec) declares: the first kind key it has. */
  static Optional<String> kindOf(Map<String, ?> document) {
    return KINDS.stream().filter(document::containsKey).findFirst();
  }
}
