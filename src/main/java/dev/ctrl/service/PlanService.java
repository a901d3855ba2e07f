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

  /** Streams decisions without holding them all (for `--summary` on large fleets). */
  public void plan(List<String> deployments, List<String> environments, Instant at, Consumer<Decision> sink) {
    Snapshot snapshot = SnapshotLoader.load(store);
    new Engine(cel).decide(snapshot, at, filter(deployments, environments), sink);
  }

  private static Predicate<TargetFact> filter(List<String> deployments, List<String> environments) {
    return t -> (deployments.isEmpty() || deployments.contains(t.key().deployment()))
        && (environments.isEmpty() || environments.contains(t.key().environment()));
  }
}
