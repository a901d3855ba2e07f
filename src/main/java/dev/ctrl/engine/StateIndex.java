package dev.ctrl.engine;

import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lookups over a snapshot, built once per decide() in linear time. */
public final class StateIndex {
  /** Newest first: createdAt, then tag. */
  public static final Comparator<Version> NEWEST_FIRST =
      Comparator.comparing(Version::createdAt).thenComparing(Version::tag).reversed();

  final Snapshot snapshot;
  final Map<String, DeploymentSpec> deployments = new HashMap<>();
  final Map<String, EnvironmentSpec> environments = new HashMap<>();
  final Map<String, ResourceSpec> resources = new HashMap<>();
  final Map<Long, Version> versionsById = new HashMap<>();
  final Map<String, List<Version>> versionsByDeployment = new HashMap<>();
  private final Map<String, Map<String, Version>> versionsByTag = new HashMap<>();
  final Map<Group, List<TargetFact>> targetsByGroup = new HashMap<>();
  final Map<DeploymentResource, List<TargetFact>> targetsByDeploymentResource = new HashMap<>();
  private final Map<Long, Version> currentByTarget = new HashMap<>();

  private record DeploymentResource(String deployment, String resource) {
    @Override
    public int hashCode() {
      return HashMix.of(deployment.hashCode(), resource.hashCode());
    }
  }
  final Map<Long, List<JobFact>> jobsByTarget;
  final Map<VersionEnvironment, List<ApprovalFact>> approvals = new HashMap<>();
  final Map<Long, List<BlockFact>> blocks = new HashMap<>();
  private final Map<SuccessKey, List<Instant>> successTimes = new java.util.concurrent.ConcurrentHashMap<>();

  /** A (deployment, environment) group, as a cache key. */
  public record Group(String deployment, String environment) {
    @Override
    public int hashCode() {
      return HashMix.of(deployment.hashCode(), environment.hashCode());
    }
  }

  private record VersionEnvironment(long versionId, String environment) {
    @Override
    public int hashCode() {
      return HashMix.of(Long.hashCode(versionId), environment.hashCode());
    }
  }

  private record SuccessKey(Group group, long versionId, boolean requireVerification) {
    @Override
    public int hashCode() {
      return HashMix.of(group.hashCode(), Long.hashCode(versionId), requireVerification ? 1 : 0);
    }
  }

  public StateIndex(Snapshot s) {
    this.snapshot = s;
    s.deployments().forEach(d -> deployments.put(d.name(), d));
    s.environments().forEach(e -> environments.put(e.name(), e));
    s.resources().forEach(r -> resources.put(r.identifier(), r));
    for (Version v : s.versions()) {
      versionsById.put(v.id(), v);
      versionsByDeployment.computeIfAbsent(v.deployment(), k -> new ArrayList<>()).add(v);
      versionsByTag.computeIfAbsent(v.deployment(), k -> new HashMap<>()).put(v.tag(), v);
    }
    versionsByDeployment.values().forEach(l -> l.sort(NEWEST_FIRST));
    for (TargetFact t : s.targets()) {
      targetsByGroup.computeIfAbsent(new Group(t.key().deployment(), t.key().environment()), k -> new ArrayList<>()).add(t);
      targetsByDeploymentResource.computeIfAbsent(new DeploymentResource(t.key().deployment(), t.key().resource()),
          k -> new ArrayList<>()).add(t);
    }
    jobsByTarget = new HashMap<>(Math.max(16, s.targets().size() * 2));
    for (JobFact j : s.jobs()) {
      jobsByTarget.computeIfAbsent(j.targetId(), k -> new ArrayList<>()).add(j);
    }
    jobsByTarget.values().forEach(l -> l.sort(Comparator.comparingLong(JobFact::createdAtMs).thenComparing(JobFact::id)));
    for (Map.Entry<Long, List<JobFact>> e : jobsByTarget.entrySet()) {
      JobFact latest = null;
      for (JobFact j : e.getValue()) {
        if (j.successful() && (latest == null || j.completedAtMs() >= latest.completedAtMs())) {
          latest = j;
        }
      }
      if (latest != null) {
        currentByTarget.put(e.getKey(), versionsById.get(latest.versionId()));
      }
    }
    for (ApprovalFact a : s.approvals()) {
      approvals.computeIfAbsent(new VersionEnvironment(a.versionId(), a.environment()), k -> new ArrayList<>()).add(a);
    }
    for (BlockFact b : s.blocks()) {
      blocks.computeIfAbsent(b.versionId(), k -> new ArrayList<>()).add(b);
    }
  }

  public List<TargetFact> targets(String deployment, String environment) {
    return targetsByGroup.getOrDefault(new Group(deployment, environment), List.of());
  }

  public List<JobFact> jobs(long targetId) {
    return jobsByTarget.getOrDefault(targetId, List.of());
  }

  /** The target's current version: that of its latest successful job (deploy or rollback), or null. */
  public Version current(long targetId) {
    return currentByTarget.get(targetId);
  }

  public JobFact inFlight(long targetId) {
    for (JobFact j : jobs(targetId)) {
      if (j.inFlight()) {
        return j;
      }
    }
    return null;
  }

  /** Why a version may not run in an environment, or null: a block there, a block everywhere, rejection. */
  public String blockReason(Version v, String environment) {
    if (v.status() == VersionStatus.REJECTED) {
      return "version " + v.tag() + " is rejected";
    }
    for (BlockFact b : blocks.getOrDefault(v.id(), List.of())) {
      if (b.environment() == null || b.environment().equals(environment)) {
        return "version " + v.tag() + " is blocked in " + environment + ": " + b.reason();
      }
    }
    return null;
  }

  /**
   * True when every block of the version here was written by `onFailure: halt`: the targets that
   * run it stay on it (nothing is rolled back) until a person acts.
   */
  public boolean halted(Version v, String environment) {
    if (v.status() == VersionStatus.REJECTED) {
      return false;
    }
    boolean any = false;
    for (BlockFact b : blocks.getOrDefault(v.id(), List.of())) {
      if (b.environment() == null || b.environment().equals(environment)) {
        if (!b.halt()) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  public Version versionById(long id) {
    return versionsById.get(id);
  }

  /** The deployment's version with this tag, or null. */
  public Version version(String deployment, String tag) {
    return versionsByTag.getOrDefault(deployment, Map.of()).get(tag);
  }

  public List<Version> versions(String deployment) {
    return versionsByDeployment.getOrDefault(deployment, List.of());
  }

  public List<ApprovalFact> approvals(long versionId, String environment) {
    return approvals.getOrDefault(new VersionEnvironment(versionId, environment), List.of());
  }

  /**
   * For each target of (deployment, environment) on which version succeeded (and, when asked,
   * passed verification), the instant it counted; sorted. Cached per group and version.
   */
  public List<Instant> successes(String deployment, String environment, long versionId, boolean requireVerification) {
    SuccessKey key = new SuccessKey(new Group(deployment, environment), versionId, requireVerification);
    return successTimes.computeIfAbsent(key, k -> {
      List<Instant> out = new ArrayList<>();
      for (TargetFact t : targets(deployment, environment)) {
        long first = JobFact.NONE;
        for (JobFact j : jobs(t.id())) {
          if (j.versionId() != versionId || !j.successful() || !j.kind().equals("deploy")) {
            continue;
          }
          if (requireVerification && !(j.verification() == null || j.verification().equals("passed"))) {
            continue;
          }
          long at = requireVerification ? j.successAtMs() : j.completedAtMs();
          if (at != JobFact.NONE && (first == JobFact.NONE || at < first)) {
            first = at;
          }
        }
        if (first != JobFact.NONE) {
          out.add(Instant.ofEpochMilli(first));
        }
      }
      out.sort(null);
      return out;
    });
  }

  public List<TargetFact> targetsOnResource(String deployment, String resource) {
    return targetsByDeploymentResource.getOrDefault(new DeploymentResource(deployment, resource), List.of());
  }

  public DeploymentSpec deployment(String name) {
    return deployments.get(name);
  }

  public EnvironmentSpec environment(String name) {
    return environments.get(name);
  }

  public ResourceSpec resource(String id) {
    return resources.get(id);
  }

  public List<EnvironmentSpec> environments() {
    return snapshot.environments();
  }

  public List<SkipFact> skips() {
    return snapshot.skips();
  }
}
