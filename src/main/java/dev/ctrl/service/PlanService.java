package dev.ctrl.service;

import dev.ctrl.engine.Decision;
import dev.ctrl.engine.Engine;
import dev.ctrl.engine.Snapshot;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.store.StoreReader;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** `ctrl plan`: the engine's decisions at an instant, computed from the state and never written. */
public final class PlanService {
  private final StoreReader store;
  private final CelExpressions cel;

  public PlanService(StoreReader store, CelExpressions cel) {
    this.store = store;
    this.cel = cel;
  }

  public List<Decision> plan(List<String> deployments, List<String> environments, Instant at) {
    Snapshot snapshot = SnapshotLoader.load(store);
    return new Engine(cel).decide(snapshot, at, filter(deployments, environments));
  }

  /**
   * Streams decisions without holding them all (for `--summary` and JSON on large fleets).
   * Returns how long loading and deciding took, in milliseconds (for `-v`).
   */
  public long[] plan(List<String> deployments, List<String> environments, Instant at, Consumer<Decision> sink) {
    return plan(deployments, environments, at, d -> d, sink);
  }

  /** As above, with each decision turned into a T (its JSON text, say) on the engine's threads. */
  public <T> long[] plan(List<String> deployments, List<String> environments, Instant at,
      java.util.function.Function<Decision, T> map, Consumer<T> sink) {
    long start = System.nanoTime();
    Snapshot snapshot = SnapshotLoader.load(store);
    long loaded = System.nanoTime();
    new Engine(cel).decide(snapshot, at, filter(deployments, environments), map, sink);
    return new long[] {(loaded - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000};
  }

  private static Predicate<TargetFact> filter(List<String> deployments, List<String> environments) {
    return t -> (deployments.isEmpty() || deployments.contains(t.key().deployment()))
        && (environments.isEmpty() || environments.contains(t.key().environment()));
  }
}
