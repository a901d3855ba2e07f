package dev.ctrl.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Work shared by the targets of one decide(): rollout orders, window occurrences, and the verdicts
 * of rules that do not depend on the resource (approval, progression), which are the same for
 * every target of a (deployment, environment) group. Keys are records, never built strings.
 */
public final class EngineCaches {
  private final Map<Object, Object> memo = new HashMap<>();
  private final Map<Object, RuleResult[]> stamps = new java.util.IdentityHashMap<>();

  /** Computes a value once per key for this decide() run. */
  @SuppressWarnings("unchecked")
  public <K, T> T memo(K key, Function<K, T> compute) {
    Object hit = memo.get(key);
    if (hit == null) {
      hit = compute.apply(key);
      memo.put(key, hit);
    }
    return (T) hit;
  }

  /**
   * r.from(policy, number), the same object as last time when the rule gave the same verdict
   * object as last time: gates share verdicts within a group (windows, cooldowns), and `plan`
   * writes a shared verdict's text once (PlanJson).
   */
  public RuleResult stamped(Object rule, RuleResult r, String policy, int number) {
    // the last few per rule: a target weighs several versions, each with its own verdict
    RuleResult[] recent = stamps.computeIfAbsent(rule, k -> new RuleResult[2 * RECENT]);
    for (int i = 0; i < recent.length; i += 2) {
      if (recent[i] == r && recent[i + 1].rule() == number && recent[i + 1].policy().equals(policy)) {
        return recent[i + 1];
      }
    }
    RuleResult stamped = r.from(policy, number);
    System.arraycopy(recent, 0, recent, 2, recent.length - 2);
    recent[0] = r;
    recent[1] = stamped;
    return stamped;
  }

  private static final int RECENT = 4;
}
