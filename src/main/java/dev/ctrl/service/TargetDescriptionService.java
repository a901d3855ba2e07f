package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.store.JobFilter;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.TargetRow;
import java.util.List;
import java.util.Map;

/** `ctrl describe target`: one release target, its resource as declared, and its newest jobs. */
public final class TargetDescriptionService {
  /** resourceSpec: the resource document without its `type`, or null when no longer declared. */
  public record TargetDetail(TargetRow target, Map<String, Object> resourceSpec, List<JobViewService.JobDetail> recent) {}

  private final StoreReader store;

  public TargetDescriptionService(StoreReader store) {
    this.store = store;
  }

  /** The target and its newest `recentJobs` jobs; an unknown target is a usage error. */
  public TargetDetail describe(TargetKey key, int recentJobs) {
    TargetRow row = store.targets(key.deployment(), key.environment()).stream()
        .filter(t -> t.key().equals(key)).findFirst()
        .orElseThrow(() -> CtrlException.usage("no release target " + key, "list the keys with: ctrl get targets"));
    Map<String, Object> spec = store.object(ObjectType.RESOURCE, key.resource())
        .map(r -> JsonText.parseObject(r.specJson())).orElse(null);
    if (spec != null) {
      spec.remove("type");
    }
    return new TargetDetail(row, spec,
        new JobViewService(store).list(JobFilter.ofTarget(key.toString(), recentJobs)));
  }
}
