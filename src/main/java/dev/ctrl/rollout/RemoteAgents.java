package dev.ctrl.rollout;

import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.argocd.ArgoCdAgent;
import dev.ctrl.agent.github.GithubAgent;
import dev.ctrl.agent.terraform.TerraformCloudAgent;

/** The remote agent kinds (GitHub Actions, Argo CD, Terraform Cloud): one instance per declared agent. */
final class RemoteAgents {
  private RemoteAgents() {}

  /** The agent for a declaration, or null when this build has no agent of its kind. */
  static JobAgent create(AgentDecl decl, AgentSupport support) {
    return switch (decl.kind()) {
      case "github" -> new GithubAgent(decl.name(), decl.config(), support);
      case "argocd" -> new ArgoCdAgent(decl.name(), decl.config(), support);
      case "terraformCloud" -> new TerraformCloudAgent(decl.name(), decl.config(), support);
      default -> null;
    };
  }
}
