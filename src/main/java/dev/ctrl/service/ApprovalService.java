package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.engine.ApprovalFact;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.Version;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoreReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Approvals and rejections of a version in an environment, one latest decision per approver. */
public final class ApprovalService {
  /** An approval with the version it is about. */
  public record Row(String deployment, String tag, ApprovalFact approval) {}

  private final Store store;
  private final Instant now;

  public ApprovalService(Store store, Instant now) {
    this.store = store;
    this.now = now;
  }

  public Version decide(String deployment, String tag, String environment, String approver, boolean approved,
      String reason) {
    return store.write(approver, now, tx -> {
      Version v = version(tx, deployment, tag);
      requireEnvironment(tx, environment);
      tx.putApproval(v, environment, approver, approved, reason);
      return v;
    });
  }

  public List<Row> list(String deployment, String environment) {
    List<Version> versions = store.versions(deployment);
    java.util.Map<Long, Version> byId = new java.util.HashMap<>();
    versions.forEach(v -> byId.put(v.id(), v));
    return store.facts().approvals().stream()
        .filter(a -> byId.containsKey(a.versionId()))
        .filter(a -> environment == null || a.environment().equals(environment))
        .sorted(java.util.Comparator.comparing(ApprovalFact::at).reversed())
        .map(a -> new Row(byId.get(a.versionId()).deployment(), byId.get(a.versionId()).tag(), a))
        .toList();
  }

  static Version version(StoreReader reader, String deployment, String tag) {
    VersionService.requireDeployment(reader, deployment);
    return reader.version(deployment, tag).orElseThrow(() -> VersionService.unknownVersion(reader, deployment, tag));
  }

  static void requireEnvironment(StoreReader reader, String environment) {
    if (reader.object(ObjectType.ENVIRONMENT, environment).isEmpty()) {
      Set<String> known = new TreeSet<>();
      reader.objects(ObjectType.ENVIRONMENT).forEach(o -> known.add(o.id()));
      throw CtrlException.usage(ApplyService.unknown(ObjectType.ENVIRONMENT, environment, known));
    }
  }
}
