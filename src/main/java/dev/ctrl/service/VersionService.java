package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import dev.ctrl.store.Change;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.VersionDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Versions: created by CI, listed, and given a status. Loads neither CEL nor YAML. */
public final class VersionService {
  public record Created(String deployment, String tag, Change change) {}

  private final Store store;
  private final String actor;
  private final Instant now;

  public VersionService(Store store, String actor, Instant now) {
    this.store = store;
    this.actor = actor;
    this.now = now;
  }

  /** Idempotent on (deployment, tag): creates, or updates the given fields and keeps createdAt. */
  public List<Created> create(List<String> deployments, VersionDraft draft) {
    return store.writeVersions(actor, now, tx -> {
      for (String d : deployments) {
        if (!tx.deploymentExists(d)) {
          throw unknownDeployment(d, tx.deploymentNames());
        }
      }
      List<Created> out = new ArrayList<>();
      for (String d : deployments) {
        VersionDraft forDeployment = new VersionDraft(d, draft.tag(), draft.name(), draft.status(), draft.metadata(),
            draft.config(), draft.message());
        out.add(new Created(d, draft.tag(), tx.putVersion(forDeployment)));
      }
      return out;
    });
  }

  public Version setStatus(String deployment, String tag, VersionStatus status) {
    return store.write(actor, now, tx -> {
      requireDeployment(tx, deployment);
      Version v = tx.version(deployment, tag).orElseThrow(() -> unknownVersion(tx, deployment, tag));
      return tx.setVersionStatus(v, status);
    });
  }

  public List<Version> list(String deployment) {
    if (deployment != null) {
      requireDeployment(store, deployment);
    }
    return store.versions(deployment);
  }

  static void requireDeployment(StoreReader reader, String deployment) {
    if (reader.object(ObjectType.DEPLOYMENT, deployment).isEmpty()) {
      Set<String> known = new TreeSet<>();
      reader.objects(ObjectType.DEPLOYMENT).forEach(o -> known.add(o.id()));
      throw unknownDeployment(deployment, known);
    }
  }

  private static CtrlException unknownDeployment(String deployment, Set<String> known) {
    return CtrlException.usage(ApplyService.unknown(ObjectType.DEPLOYMENT, deployment, known),
        known.isEmpty() ? "declare deployments with `ctrl apply -f`" : null);
  }

  static CtrlException unknownVersion(StoreReader reader, String deployment, String tag) {
    List<String> tags = reader.versions(deployment).stream().map(Version::tag).limit(10).toList();
    return CtrlException.usage("deployment \"" + deployment + "\" has no version \"" + tag + "\""
        + (tags.isEmpty() ? " (it has no versions yet)" : " (newest: " + String.join(", ", tags) + ")"));
  }
}
