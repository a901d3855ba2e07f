package dev.ctrl.engine;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import dev.ctrl.model.rules.PolicyRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds engine snapshots in code: one system, named environments, deployments and targets. */
final class Fixture {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final CelExpressions CEL = new CelExpressions();

  final Map<String, DeploymentSpec> deployments = new LinkedHashMap<>();
  final Map<String, EnvironmentSpec> environments = new LinkedHashMap<>();
  final Map<String, ResourceSpec> resources = new LinkedHashMap<>();
  final List<PolicySpec> policies = new ArrayList<>();
  final List<TargetFact> targets = new ArrayList<>();
  final List<Version> versions = new ArrayList<>();
  final List<JobFact> jobs = new ArrayList<>();
  final List<ApprovalFact> approvals = new ArrayList<>();
  final List<BlockFact> blocks = new ArrayList<>();
  final List<SkipFact> skips = new ArrayList<>();
  private final Map<String, Long> targetIds = new HashMap<>();
  private int jobCounter;

  static Instant at(String hhmm) {
    return Instant.parse("2026-11-27T" + hhmm + ":00Z");
  }

  Fixture target(String deployment, String environment, String resource) {
    deployments.putIfAbsent(deployment, new DeploymentSpec(deployment, null, List.of("shop"), "true", "local", Map.of(),
        Map.of()));
    environments.putIfAbsent(environment, new EnvironmentSpec(environment, null, List.of("shop"), "true", Map.of()));
    resources.putIfAbsent(resource, new ResourceSpec(resource, resource, "K8s", "v1", Map.of("region", resource),
        Map.of()));
    TargetKey key = new TargetKey(deployment, environment, resource);
    long id = targets.size() + 1;
    targetIds.put(key.toString(), id);
    targets.add(new TargetFact(id, key));
    return this;
  }

  /** n targets r0..r(n-1) of deployment in environment. */
  Fixture targets(String deployment, String environment, int n) {
    for (int i = 0; i < n; i++) {
      target(deployment, environment, environment + "-r" + i);
    }
    return this;
  }

  Fixture version(String deployment, String tag, Instant createdAt) {
    return version(deployment, tag, createdAt, VersionStatus.READY, Map.of());
  }

  Fixture version(String deployment, String tag, Instant createdAt, VersionStatus status, Map<String, Object> metadata) {
    versions.add(new Version(versions.size() + 1, deployment, tag, tag, status, metadata, Map.of(), Map.of(), null,
        createdAt, createdAt));
    return this;
  }

  Version v(String deployment, String tag) {
    return versions.stream().filter(v -> v.deployment().equals(deployment) && v.tag().equals(tag)).findFirst()
        .orElseThrow();
  }

  long targetId(String key) {
    return targetIds.get(key);
  }

  /** A deploy job of `tag` on the target; completedAt null keeps it in flight. */
  Fixture job(String key, String tag, String status, Instant createdAt, Instant completedAt, String verification) {
    TargetKey k = TargetKey.parse(key);
    Version v = v(k.deployment(), tag);
    jobs.add(new JobFact("job-" + (++jobCounter), targetId(key), v.id(), v.id() * 1000 + targetId(key), "deploy", status,
        createdAt, completedAt, verification, verification == null ? null : completedAt));
    return this;
  }

  /** A rollback job of `tag` on the target that ended with `status` at `at`. */
  Fixture rollbackJob(String key, String tag, String status, Instant at) {
    TargetKey k = TargetKey.parse(key);
    Version v = v(k.deployment(), tag);
    jobs.add(new JobFact("job-" + (++jobCounter), targetId(key), v.id(), v.id() * 1000 + targetId(key), "rollback",
        status, at.minusSeconds(5), at, null, null));
    return this;
  }

  /** A block written by a verification with onFailure: halt. */
  Fixture halt(String deployment, String tag, String environment) {
    blocks.add(new BlockFact(v(deployment, tag).id(), environment, "verification failed", true));
    return this;
  }

  Fixture succeeded(String key, String tag, Instant at) {
    return job(key, tag, "successful", at.minusSeconds(10), at, null);
  }

  Fixture approve(String deployment, String tag, String environment, String who, Instant at) {
    approvals.add(new ApprovalFact(v(deployment, tag).id(), environment, who, true, null, at));
    return this;
  }

  Fixture reject(String deployment, String tag, String environment, String who, Instant at) {
    approvals.add(new ApprovalFact(v(deployment, tag).id(), environment, who, false, "broken", at));
    return this;
  }

  Fixture policy(String name, String selector, PolicyRule... rules) {
    policies.add(new PolicySpec(name, null, selector, 0, true, List.of(rules)));
    return this;
  }

  Fixture disabledPolicy(String name, PolicyRule... rules) {
    policies.add(new PolicySpec(name, null, "true", 0, false, List.of(rules)));
    return this;
  }

  Fixture block(String deployment, String tag, String environment) {
    blocks.add(new BlockFact(v(deployment, tag).id(), environment, "verification failed"));
    return this;
  }

  Fixture skip(String policy, int rule, String deployment, String tag, String environment, Instant expiresAt) {
    skips.add(new SkipFact(policy, rule, v(deployment, tag).id(), environment, null, "hotfix", "alice", expiresAt));
    return this;
  }

  Snapshot snapshot() {
    return new Snapshot(List.copyOf(deployments.values()), List.copyOf(environments.values()),
        List.copyOf(resources.values()), policies, targets, versions, jobs, approvals, blocks, skips);
  }

  Map<String, Decision> decide(Instant now) {
    Map<String, Decision> out = new LinkedHashMap<>();
    for (Decision d : new Engine(CEL).decide(snapshot(), now, t -> true)) {
      out.put(d.key().toString(), d);
    }
    return out;
  }

  Decision decide(String key, Instant now) {
    return decide(now).get(key);
  }
}
