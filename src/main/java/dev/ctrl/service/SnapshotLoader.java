package dev.ctrl.service;

import dev.ctrl.config.LoadedDocument;
import dev.ctrl.engine.Snapshot;
import dev.ctrl.model.Declared;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.store.StoreReader;
import java.util.ArrayList;
import java.util.List;

/** Reads one snapshot of the state for the engine. */
public final class SnapshotLoader {
  private SnapshotLoader() {}

  public static Snapshot load(StoreReader reader) {
    List<DeploymentSpec> deployments = new ArrayList<>();
    List<EnvironmentSpec> environments = new ArrayList<>();
    List<ResourceSpec> resources = new ArrayList<>();
    List<PolicySpec> policies = new ArrayList<>();
    for (LoadedDocument d : StateDocuments.load(reader)) {
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
    StoreReader.Facts f = reader.facts();
    return new Snapshot(deployments, environments, resources, policies, f.targets(), reader.versions(null), f.jobs(),
        f.approvals(), f.blocks(), f.skips());
  }
}
