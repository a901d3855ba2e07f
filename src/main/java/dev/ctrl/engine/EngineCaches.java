package dev.ctrl.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Work shared by the targets of one decide(): rollout orders, window occurrences, group selectors. */
public final class EngineCaches {
  private final Map<String, Object> memo = new HashMap<>();

  /** Computes a value once per key for this decide() run. */
  @SuppressWarnings("unchecked")
  public <T> T memo(String key, Function<String, T> compute) {
    Object hit = memo.get(key);
    if (hit == null) {
      hit = compute.apply(key);
      memo.put(key, hit);
    }
    return (T) hit;
  }
}
