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
}
