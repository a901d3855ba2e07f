package dev.ctrl.model.rules;

/** One rule of a policy, as declared. The engine gives each type its behaviour. */
public sealed interface PolicyRule
    permits ApprovalRule, EnvironmentProgressionRule, GradualRolloutRule, DeploymentWindowRule,
        VersionCooldownRule, VersionSelectorRule, DeploymentDependencyRule, RetryRule, VerificationRule {
  /** The YAML key of the rule, which is also its `type` in `plan -o json`. */
  String typeName();
}
