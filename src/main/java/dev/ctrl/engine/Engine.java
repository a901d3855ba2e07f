package dev.ctrl.engine;

import dev.ctrl.engine.rules.ApprovalGate;
import dev.ctrl.engine.rules.CooldownGate;
import dev.ctrl.engine.rules.DependencyGate;
import dev.ctrl.engine.rules.GradualRolloutGate;
import dev.ctrl.engine.rules.ProgressionGate;
import dev.ctrl.engine.rules.RetryGate;
import dev.ctrl.engine.rules.VersionSelectorGate;
import dev.ctrl.engine.rules.WindowGate;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import dev.ctrl.model.rules.ApprovalRule;
import dev.ctrl.model.rules.DeploymentDependencyRule;
import dev.ctrl.model.rules.DeploymentWindowRule;
import dev.ctrl.model.rules.EnvironmentProgressionRule;
import dev.ctrl.model.rules.GradualRolloutRule;
import dev.ctrl.model.rules.PolicyRule;
import dev.ctrl.model.rules.RetryRule;
import dev.ctrl.model.rules.VersionCooldownRule;
import dev.ctrl.model.rules.VersionSelectorRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The policy engine: a pure function of a snapshot and an instant (DOMAIN.md section 6). No I/O,
 * no clock, no randomness: the same inputs give the same decisions.
 */
public final class Engine {
  private final CelExpressions cel;

  public Engine(CelExpressions cel) {
    this.cel = cel;
  }

  /** Decisions for every target that passes the filter, in target-key order. */
  public List<Decision> decide(Snapshot snapshot, Instant now, Predicate<TargetFact> filter) {
    List<Decision> out = new ArrayList<>();
    decide(snapshot, now, filter, out::add);
    return out;
  }

  /** Streams decisions (for fleets too large to hold), group by group, in target-key order. */
  public void decide(Snapshot snapshot, Instant now, Predicate<TargetFact> filter, Consumer<Decision> sink) {
    decide(snapshot, now, filter, d -> d, sink);
  }

  /**
   * Streams decisions turned into something else by `map` (e.g. their JSON text), which runs on
   * the deciding threads, so a caller's rendering shares the cores instead of waiting its turn.
   * `sink` gets the results on the calling thread in target-key order. `map` must be thread-safe.
   */
  public <T> void decide(Snapshot snapshot, Instant now, Predicate<TargetFact> filter,
      java.util.function.Function<Decision, T> map, Consumer<T> sink) {
    StateIndex index = new StateIndex(snapshot);
    Policies policies = new Policies(snapshot.policies(), index, cel);
    List<TargetFact> targets = snapshot.targets();
    if (!sorted(targets)) {
      targets = new ArrayList<>(targets);
      targets.sort(Comparator.comparing(TargetFact::key));
    }
    // Groups (deployment, environment) are independent: decide them on every core, a window of
    // groups at a time, and hand the decisions on in target-key order.
    List<List<TargetFact>> groups = new ArrayList<>();
    for (TargetFact t : targets) {
      if (!filter.test(t) || index.deployment(t.key().deployment()) == null
          || index.environment(t.key().environment()) == null || index.resource(t.key().resource()) == null) {
        continue;
      }
      List<TargetFact> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
      if (last == null || !sameGroup(last.get(0), t)) {
        last = new ArrayList<>();
        groups.add(last);
      }
      last.add(t);
    }
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), 4);
    if (threads <= 1 || groups.size() <= 1) {
      for (List<TargetFact> g : groups) {
        EngineCaches groupCaches = new EngineCaches();
        g.forEach(t -> sink.accept(map.apply(decideOne(t, index, groupCaches, policies, now))));
      }
      return;
    }
    OrderedChunks.run(groups, threads, new OrderedChunks.ListWork<EngineCaches, TargetFact, T>() {
      @Override
      public EngineCaches begin(List<TargetFact> group) {
        return new EngineCaches();
      }

      @Override
      public T apply(EngineCaches groupCaches, TargetFact t) {
        return map.apply(decideOne(t, index, groupCaches, policies, now));
      }
    }, sink);
  }

  private static boolean sameGroup(TargetFact a, TargetFact b) {
    return a.key().deployment().equals(b.key().deployment()) && a.key().environment().equals(b.key().environment());
  }

  private static boolean sorted(List<TargetFact> targets) {
    for (int i = 1; i < targets.size(); i++) {
      if (targets.get(i - 1).key().compareTo(targets.get(i).key()) > 0) {
        return false;
      }
    }
    return true;
  }

  private Decision decideOne(TargetFact t, StateIndex index, EngineCaches caches, Policies policies, Instant now) {
    String env = t.key().environment();
    Version current = index.current(t.id());
    JobFact inFlight = index.inFlight(t.id());
    List<Policies.Applied> applied = policies.applicable(t, caches);
    String currentTag = current == null ? null : current.tag();

    // A current version that is blocked here is rolled back, not kept.
    if (current != null && index.blockReason(current, env) != null) {
      if (index.halted(current, env)) {
        RuleResult halt = RuleResult.needsPerson("block", index.blockReason(current, env)
            + " (onFailure: halt keeps the targets on it; ctrl rollback or ctrl version unblock)");
        return new Decision(t.key(), currentTag, null, Action.BLOCKED, null, List.of(), List.of(halt));
      }
      return rollback(t, index, current, inFlight, now);
    }

    List<Version> candidates = candidates(index, t, current);
    List<VersionEvaluation> considered = new ArrayList<>();
    Map<String, Object> base = null;
    Version desired = null;
    for (Version v : candidates) {
      if (current != null && v.id() == current.id()) {
        desired = v;
        considered.add(new VersionEvaluation(v.tag(), true,
            List.of(caches.<CurrentKey, RuleResult>memo(new CurrentKey(v.id()),
                k -> RuleResult.allowed("current", "the target runs " + v.tag(), null)))));
        break;
      }
      if (base == null) {
        base = Policies.variables(t, index, caches);
      }
      VersionEvaluation eval = evaluate(t, v, current, inFlight, applied, index, caches, now, base);
      considered.add(eval);
      if (eval.allowed()) {
        desired = v;
        break;
      }
    }
    String desiredTag = desired == null ? null : desired.tag();

    if (desired != null && (current == null || desired.id() != current.id())) {
      List<RuleResult> jobGates = jobGates(t, desired, inFlight, applied, index, now);
      RuleResult obstacle = jobGates.stream().filter(r -> !r.allows()).findFirst().orElse(null);
      if (obstacle == null) {
        return new Decision(t.key(), currentTag, desiredTag, Action.DEPLOY, null, considered, jobGates);
      }
      Action action = obstacle.selfResolving() ? Action.WAIT : Action.BLOCKED;
      return new Decision(t.key(), currentTag, desiredTag, action, obstacle.nextEvaluation(), considered, jobGates);
    }
    // Nothing to deploy now: wait when a newer candidate resolves by itself, else blocked or none.
    List<VersionEvaluation> newer = considered.stream().filter(v -> !v.allowed()).toList();
    if (newer.isEmpty()) {
      return new Decision(t.key(), currentTag, desiredTag, Action.NONE, null, considered, List.of());
    }
    // The earliest newer version whose obstacles all lift by themselves decides when to look again:
    // it is ready when its last timed obstacle lifts (null when one of them is not time-based).
    Instant next = null;
    boolean waits = false;
    for (VersionEvaluation v : newer) {
      List<RuleResult> against = v.rules().stream().filter(r -> !r.allows()).toList();
      if (!against.stream().allMatch(RuleResult::selfResolving)) {
        continue;
      }
      waits = true;
      Instant ready = against.stream().allMatch(r -> r.nextEvaluation() != null)
          ? against.stream().map(RuleResult::nextEvaluation).max(Comparator.naturalOrder()).orElse(null)
          : null;
      if (ready != null && (next == null || ready.isBefore(next))) {
        next = ready;
      }
    }
    Action action = waits ? Action.WAIT : Action.BLOCKED;
    return new Decision(t.key(), currentTag, desiredTag, action, next, considered, List.of());
  }

  /** Ready versions newest first; with a current version, only newer ones and then itself. Never blocked ones. */
  static List<Version> candidates(StateIndex index, TargetFact t, Version current) {
    List<Version> out = new ArrayList<>();
    for (Version v : index.versions(t.key().deployment())) {
      if (current != null && v.id() == current.id()) {
        out.add(v);
        break;
      }
      if (v.status() == VersionStatus.READY && index.blockReason(v, t.key().environment()) == null) {
        out.add(v);
      }
    }
    return out;
  }

  private VersionEvaluation evaluate(TargetFact t, Version v, Version current, JobFact inFlight,
      List<Policies.Applied> applied, StateIndex index, EngineCaches caches, Instant now, Map<String, Object> base) {
    Map<String, Object> vars = new HashMap<>(base);
    vars.put("version", caches.memo(new VersionMapKey(v.id()), k -> EntityMaps.version(v)));
    RuleInput in = new RuleInput(index, caches, t, v, current, inFlight, now, vars, cel, null);
    List<RuleResult> results = new ArrayList<>();
    Instant start = null;
    List<int[]> rollouts = new ArrayList<>();
    for (int p = 0; p < applied.size(); p++) {
      Policies.Applied a = applied.get(p);
      List<PolicyRule> rules = a.policy().rules();
      for (int i = 0; i < rules.size(); i++) {
        PolicyRule rule = rules.get(i);
        if (rule instanceof GradualRolloutRule) {
          rollouts.add(new int[] {p, i, results.size()});
          results.add(null); // filled once the rollout start is known
          continue;
        }
        int number = i + 1;
        RuleResult r = groupLevel(rule)
            ? caches.memo(new GroupRuleKey(rule, t.key().deployment(), env(t), v.id()),
                k -> versionGate(rule, in).from(a.policy().name(), number))
            : versionGate(rule, in);
        if (r == null) {
          continue;
        }
        r = skipped(r, a.policy(), number, v, t, index, now);
        if (r.policy() == null) {
          r = caches.stamped(rule, r, a.policy().name(), number);
        }
        if ((rule instanceof ApprovalRule || rule instanceof EnvironmentProgressionRule) && r.allows()
            && r.satisfiedAt() != null && (start == null || r.satisfiedAt().isAfter(start))) {
          start = r.satisfiedAt();
        }
        results.add(r);
      }
    }
    RuleInput withStart = new RuleInput(index, caches, t, v, current, inFlight, now, vars, cel, start);
    for (int[] ro : rollouts) {
      PolicySpec policy = applied.get(ro[0]).policy();
      RuleResult r = GradualRolloutGate.evaluate((GradualRolloutRule) policy.rules().get(ro[1]), withStart);
      results.set(ro[2], skipped(r, policy, ro[1] + 1, v, t, index, now).from(policy.name(), ro[1] + 1));
    }
    boolean allowed = results.stream().allMatch(RuleResult::allows);
    return new VersionEvaluation(v.tag(), allowed, results);
  }

  /** The same rule on the same version in the same group gives the same verdict on every target. */
  private record GroupRuleKey(PolicyRule rule, String deployment, String environment, long versionId) {
    @Override
    public boolean equals(Object o) {
      return o instanceof GroupRuleKey k && k.rule == rule && k.versionId == versionId
          && k.deployment.equals(deployment) && k.environment.equals(environment);
    }

    @Override
    public int hashCode() {
      return HashMix.of(System.identityHashCode(rule), deployment.hashCode(), environment.hashCode(),
          Long.hashCode(versionId));
    }
  }

  private record VersionMapKey(long versionId) {}

  private record CurrentKey(long versionId) {}

  private static String env(TargetFact t) {
    return t.key().environment();
  }

  /** Rules whose verdict depends only on the version and the (deployment, environment) group. */
  private static boolean groupLevel(PolicyRule rule) {
    return rule instanceof ApprovalRule || rule instanceof EnvironmentProgressionRule;
  }

  /** The verdict of one version gate; null for rules that are not version gates. */
  private static RuleResult versionGate(PolicyRule rule, RuleInput in) {
    if (rule instanceof ApprovalRule r) {
      return ApprovalGate.evaluate(r, in);
    } else if (rule instanceof EnvironmentProgressionRule r) {
      return ProgressionGate.evaluate(r, in);
    } else if (rule instanceof DeploymentWindowRule r) {
      return WindowGate.evaluate(r, in);
    } else if (rule instanceof VersionCooldownRule r) {
      return CooldownGate.evaluate(r, in);
    } else if (rule instanceof VersionSelectorRule r) {
      return VersionSelectorGate.evaluate(r, in);
    } else if (rule instanceof DeploymentDependencyRule r) {
      return DependencyGate.evaluate(r, in);
    }
    return null; // retry is a job gate; verification runs after a job
  }

  private static RuleResult skipped(RuleResult r, PolicySpec policy, int number, Version v, TargetFact t,
      StateIndex index, Instant now) {
    if (r.allows() || index.skips().isEmpty()) {
      return r;
    }
    for (SkipFact s : index.skips()) {
      if (s.covers(policy.name(), number, v.id(), t.key().environment(), t.key().resource(), now)) {
        return new RuleResult(null, null, r.type(), Verdict.ALLOWED, "skipped by " + s.actor() + ": " + s.reason()
            + (s.expiresAt() == null ? "" : " (until " + Times.at(s.expiresAt()) + ")"), now, null, false);
      }
    }
    return r;
  }

  private static List<RuleResult> jobGates(TargetFact t, Version desired, JobFact inFlight,
      List<Policies.Applied> applied, StateIndex index, Instant now) {
    List<RuleResult> gates = new ArrayList<>();
    if (inFlight != null) {
      gates.add(RuleResult.waiting("inFlightJob", "job " + inFlight.id() + " (" + inFlight.kind() + " of "
          + index.versionById(inFlight.versionId()).tag() + ") is " + inFlight.status(), null));
      return gates;
    }
    List<RetryRule> retries = new ArrayList<>();
    for (Policies.Applied a : applied) {
      for (PolicyRule r : a.policy().rules()) {
        if (r instanceof RetryRule retry) {
          retries.add(retry);
        }
      }
    }
    gates.add(RetryGate.evaluate(retries, index.jobs(t.id()), desired, now));
    return gates;
  }

  private static Decision rollback(TargetFact t, StateIndex index, Version current, JobFact inFlight, Instant now) {
    String env = t.key().environment();
    RuleResult block = RuleResult.needsPerson("block", index.blockReason(current, env));
    Version good = lastGood(t, index, env);
    if (good == null) {
      RuleResult none = RuleResult.needsPerson("block", "no earlier good release of " + t.key().deployment()
          + " on this target to roll back to");
      return new Decision(t.key(), current.tag(), null, Action.BLOCKED, null, List.of(), List.of(block, none));
    }
    if (inFlight != null) {
      RuleResult wait = RuleResult.waiting("inFlightJob", "job " + inFlight.id() + " is " + inFlight.status()
          + "; the rollback starts when it ends", null);
      return new Decision(t.key(), current.tag(), good.tag(), Action.WAIT, null, List.of(), List.of(block, wait));
    }
    // A rollback job that failed is not retried by itself (DOMAIN.md section 8): a person looks first.
    List<JobFact> jobs = index.jobs(t.id());
    JobFact last = jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
    if (last != null && last.kind().equals("rollback") && !last.successful() && !last.inFlight()) {
      RuleResult failed = RuleResult.needsPerson("block", "rollback job " + last.id() + " to "
          + index.versionById(last.versionId()).tag() + " ended " + last.status()
          + "; not retried automatically (ctrl rollback or ctrl redeploy to try again)");
      return new Decision(t.key(), current.tag(), good.tag(), Action.BLOCKED, null, List.of(), List.of(block, failed));
    }
    return new Decision(t.key(), current.tag(), good.tag(), Action.ROLLBACK, null, List.of(),
        List.of(RuleResult.allowed("block", block.reason() + "; rolling back to " + good.tag(), now)));
  }

  /** The last release with a successful job and a passed (or no) verification, not blocked here. */
  static Version lastGood(TargetFact t, StateIndex index, String env) {
    Version best = null;
    long bestAt = JobFact.NONE;
    for (JobFact j : index.jobs(t.id())) {
      if (!j.good() || j.completedAtMs() == JobFact.NONE) {
        continue;
      }
      Version v = index.versionById(j.versionId());
      if (v == null || index.blockReason(v, env) != null) {
        continue;
      }
      if (best == null || j.completedAtMs() > bestAt) {
        best = v;
        bestAt = j.completedAtMs();
      }
    }
    return best;
  }
}
