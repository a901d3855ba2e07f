package dev.ctrl.engine;

import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.Version;
import java.util.List;

/** Everything the engine decides from: a consistent read of the state. */
public record Snapshot(
    List<DeploymentSpec> deployments,
    List<EnvironmentSpec> environments,
    List<ResourceSpec> resources,
    List<PolicySpec> policies,
    List<TargetFact> targets,
    List<Version> versions,
    List<JobFact> jobs,
    List<ApprovalFact> approvals,
    List<BlockFact> blocks,
    List<SkipFact> skips) {}
