package dev.ctrl.rollout;

import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.JobAgent;

/** The remote agent kinds (GitHub Actions, Argo CD, Terraform Cloud): one instance per declared agent. */
final class RemoteAgents {
  private RemoteAgents() {}

  /** The agent for a declaration, or null when this build has no agent of its kind. */
  static JobAgent create(AgentDecl decl, AgentSupport support) {
    return switch (decl.kind()) {
      case "terraformCloud" -> new dev.ctrl.agent.terraform.TerraformCloudAgent(decl.name(), decl.config(), support);
      default -> null;
    };
  }
}
