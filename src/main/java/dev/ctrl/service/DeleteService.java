package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.config.LoadedDocument;
import dev.ctrl.config.RefSite;
import dev.ctrl.engine.ReleaseTargets;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoredObject;
import dev.ctrl.store.TargetSync;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * `ctrl delete TYPE NAME`: refuses while another object references it, then deletes it and
 * recomputes the release targets in the same transaction. Versions, jobs and history stay.
 */
public final class DeleteService {
  private final Store store;
  private final CelExpressions cel;
  private final String actor;
  private final Instant now;

  public DeleteService(Store store, CelExpressions cel, String actor, Instant now) {
    this.store = store;
    this.cel = cel;
    this.actor = actor;
    this.now = now;
  }

  public TargetSync delete(ObjectType type, String id) {
    return store.write(actor, now, tx -> {
      if (tx.object(type, id).isEmpty()) {
        Set<String> known = new TreeSet<>();
        tx.objects(type).stream().map(StoredObject::id).forEach(known::add);
        throw CtrlException.usage(ApplyService.unknown(type, id, known));
      }
      List<LoadedDocument> remaining = StateDocuments.load(tx).stream()
          .filter(d -> !(d.spec().type() == type && d.spec().id().equals(id)))
          .toList();
      for (LoadedDocument d : remaining) {
        for (RefSite ref : d.references()) {
          if (ref.target() == type && ref.name().equals(id)) {
            throw CtrlException.usage("cannot delete " + type.singular() + " \"" + id + "\": " + d.spec().label()
                + " refers to it in " + ref.path(), "change or delete " + d.spec().label() + " first");
          }
        }
      }
      ReleaseTargets.Result targets = ReleaseTargets.compute(
          remaining.stream().map(LoadedDocument::spec).filter(ResourceSpec.class::isInstance).map(ResourceSpec.class::cast).toList(),
          remaining.stream().map(LoadedDocument::spec).filter(EnvironmentSpec.class::isInstance).map(EnvironmentSpec.class::cast).toList(),
          remaining.stream().map(LoadedDocument::spec).filter(DeploymentSpec.class::isInstance).map(DeploymentSpec.class::cast).toList(),
          cel);
      tx.deleteObject(type, id);
      return tx.syncTargets(targets.targets());
    });
  }
}
