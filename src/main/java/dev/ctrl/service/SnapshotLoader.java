package dev.ctrl.service;

import dev.ctrl.concurrent.Background;
import dev.ctrl.config.LoadedDocument;
import dev.ctrl.engine.Snapshot;
import dev.ctrl.model.Declared;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.Version;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Reads one snapshot of the state for the engine. */
public final class SnapshotLoader {
  private SnapshotLoader() {}

  /**
   * The documents are bound on another thread while the facts are read: binding is pure work on
   * strings already fetched (0.5 s for 5,000 resources), reading the facts waits on SQLite.
   */
  public static Snapshot load(StoreReader reader) {
    List<DeploymentSpec> deployments = new ArrayList<>();
    List<EnvironmentSpec> environments = new ArrayList<>();
    List<ResourceSpec> resources = new ArrayList<>();
    List<PolicySpec> policies = new ArrayList<>();
    // the documents are fetched while the store reads the jobs on other connections (ParallelFacts)
    AtomicReference<Background<List<LoadedDocument>>> binding = new AtomicReference<>();
    StoreReader.Facts f = reader.facts(() -> {
      List<StoredObject> stored = StateDocuments.fetch(reader);
      binding.set(Background.start("ctrl-bind", () -> StateDocuments.bindAll(stored)));
    });
    List<Version> versions = reader.versions(null);
    for (LoadedDocument d : binding.get().join()) {
      Declared s = d.spec();
      if (s instanceof DeploymentSpec x) {
        deployments.add(x);
      } else if (s instanceof EnvironmentSpec x) {
        environments.add(x);
      } else if (s instanceof ResourceSpec x) {
        resources.add(x);
      } else if (s instanceof PolicySpec x) {
        policies.add(x);
      }
    }
    return new Snapshot(deployments, environments, resources, policies, f.targets(), versions, f.jobs(),
        f.approvals(), f.blocks(), f.skips());
  }

}
