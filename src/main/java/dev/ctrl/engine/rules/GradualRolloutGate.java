package dev.ctrl.engine.rules;

import dev.ctrl.engine.EntityMaps;
import dev.ctrl.engine.HashMix;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.StateIndex;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.expr.CompiledExpression;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.Scope;
import dev.ctrl.model.Version;
import dev.ctrl.model.rules.GradualRolloutRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Targets of a deployment in an environment open one after another: position i at
 * start + i * interval (linear) or start + i/N * interval (normalized). The order, the frontier of
 * finished positions and the busy count are computed once per group and version, so the rule
 * costs O(N log N) per group, never O(N^2).
 */
public final class GradualRolloutGate {
  /** A group's rollout of one version. firstUnfinished: the lowest position without a good job. */
  /**
   * startableBefore[i]: positions before i that are neither done with the version nor busy. They
   * start before position i, so maxConcurrent admits i only when busy + startableBefore[i] leaves
   * room: one tick can then never start more targets than the bound allows.
   */
  record Order(Map<Long, Integer> positions, List<TargetFact> ordered, int firstUnfinished, int busy,
      int[] startableBefore) {}

  private record OrderKey(String deployment, String environment, long versionId, String order) {
    @Override
    public int hashCode() {
      return HashMix.of(deployment.hashCode(), environment.hashCode(), Long.hashCode(versionId));
    }
  }

  private GradualRolloutGate() {}

  public static RuleResult evaluate(GradualRolloutRule rule, RuleInput in) {
    Version current = in.current();
    if (current != null && current.id() == in.version().id()) {
      return RuleResult.allowed("gradualRollout", "already on " + in.version().tag(), null);
    }
    Order order = in.caches().memo(new OrderKey(in.deployment(), in.environment(), in.version().id(), rule.order()),
        k -> order(rule, in));
    Integer pos = order.positions().get(in.target().id());
    int n = order.ordered().size();
    Instant start = in.rolloutStart() != null ? in.rolloutStart() : in.version().createdAt();
    Duration offset = rule.rolloutType() == GradualRolloutRule.RolloutType.LINEAR
        ? rule.interval().multipliedBy(pos)
        : rule.interval().multipliedBy(pos).dividedBy(n);
    Instant open = start.plus(offset);
    String where = "position " + (pos + 1) + " of " + n;
    if (in.now().isBefore(open)) {
      return RuleResult.waiting("gradualRollout", where + " opens at " + in.at(open), open);
    }
    if (rule.waitForVerification() && order.firstUnfinished() < pos) {
      TargetFact before = order.ordered().get(order.firstUnfinished());
      return RuleResult.waiting("gradualRollout", where + " waits for " + before.key() + " (position "
          + (order.firstUnfinished() + 1) + ") to deploy and verify " + in.version().tag(), null);
    }
    if (rule.maxConcurrent() != null && !busy(in.index(), in.target())
        && order.busy() + order.startableBefore()[pos] >= rule.maxConcurrent()) {
      String why = order.busy() >= rule.maxConcurrent()
          ? order.busy() + " targets of " + in.environment() + " are deploying or verifying"
          : order.busy() + " targets of " + in.environment() + " are deploying or verifying and "
              + order.startableBefore()[pos] + " earlier positions start first";
      return RuleResult.waiting("gradualRollout", why + " (maxConcurrent " + rule.maxConcurrent() + ")", null);
    }
    return RuleResult.allowed("gradualRollout", where + " is open", open);
  }

  private static Order order(GradualRolloutRule rule, RuleInput in) {
    List<TargetFact> group = in.index().targets(in.deployment(), in.environment());
    CompiledExpression expr = null;
    if (rule.order() != null) {
      try {
        expr = in.cel().compile(rule.order(), Scope.ORDER);
      } catch (ExprException e) {
        expr = null;
      }
    }
    Ranked[] ranked = new Ranked[group.size()];
    if (expr != null) {
      for (int i = 0; i < ranked.length; i++) {
        TargetFact t = group.get(i);
        ranked[i] = new Ranked(t, 0, orderValue(expr, t, in));
      }
      Arrays.sort(ranked, Comparator.comparing(Ranked::value).thenComparing(r -> r.target().key()));
    } else {
      Hasher hasher = new Hasher(in.deployment() + "/" + in.environment() + "/", "@" + in.version().tag());
      for (int i = 0; i < ranked.length; i++) {
        TargetFact t = group.get(i);
        ranked[i] = new Ranked(t, hasher.hash(t.key().resource()), null);
      }
      Arrays.sort(ranked, BY_HASH);
    }
    List<TargetFact> targets = new ArrayList<>(ranked.length);
    Map<Long, Integer> positions = new HashMap<>(ranked.length * 2);
    int firstUnfinished = ranked.length;
    int[] startableBefore = new int[ranked.length];
    int startable = 0;
    for (int i = 0; i < ranked.length; i++) {
      TargetFact t = ranked[i].target();
      targets.add(t);
      positions.put(t.id(), i);
      startableBefore[i] = startable;
      boolean done = good(in.index(), t, in.version());
      if (firstUnfinished == ranked.length && !done) {
        firstUnfinished = i;
      }
      if (!done && !busy(in.index(), t) && !on(in.index(), t, in.version())) {
        startable++;
      }
    }
    int busy = in.caches().memo(new StateIndex.Group(in.deployment(), in.environment()),
        k -> (int) in.index().targets(k.deployment(), k.environment()).stream().filter(t -> busy(in.index(), t)).count());
    return new Order(positions, targets, firstUnfinished, busy, startableBefore);
  }

  /** A target with what it is ordered by: the hash of its key and the version, or the order expression's value. */
  private record Ranked(TargetFact target, long hash, String value) {}

  /** The first 8 bytes of the hash, unsigned, are the order that their hex text had; then the key. */
  private static final Comparator<Ranked> BY_HASH = (a, b) -> {
    int c = Long.compareUnsigned(a.hash(), b.hash());
    return c != 0 ? c : a.target().key().compareTo(b.target().key());
  };

  /**
   * SHA-256 of "deployment/environment/resource@tag", first 8 bytes as a big-endian long. One
   * digest per group and version (getInstance per target was a third of the cost).
   */
  private static final class Hasher {
    private final MessageDigest sha;
    private final byte[] prefix;
    private final byte[] suffix;

    Hasher(String prefix, String suffix) {
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
      this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
    }

    long hash(String resource) {
      sha.update(prefix);
      sha.update(resource.getBytes(StandardCharsets.UTF_8));
      sha.update(suffix);
      byte[] d = sha.digest();
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = v << 8 | (d[i] & 0xff);
      }
      return v;
    }
  }

  private static String orderValue(CompiledExpression expr, TargetFact t, RuleInput in) {
    Map<String, Object> vars = new HashMap<>(in.variables());
    vars.put("resource", EntityMaps.resource(in.index().resource(t.key().resource())));
    try {
      return String.valueOf(expr.eval(vars));
    } catch (ExprException e) {
      return "";
    }
  }

  private static boolean good(StateIndex index, TargetFact t, Version v) {
    for (JobFact j : index.jobs(t.id())) {
      if (j.versionId() == v.id() && j.good()) {
        return true;
      }
    }
    return false;
  }

  private static boolean on(StateIndex index, TargetFact t, Version v) {
    Version current = index.current(t.id());
    return current != null && current.id() == v.id();
  }

  /** Deploying (a job in flight) or verifying (its latest job succeeded and is being verified). */
  static boolean busy(StateIndex index, TargetFact t) {
    List<JobFact> jobs = index.jobs(t.id());
    if (jobs.isEmpty()) {
      return false;
    }
    JobFact last = jobs.get(jobs.size() - 1);
    return last.inFlight() || last.successful() && "running".equals(last.verification());
  }
}
