package dev.ctrl.rollout;

import dev.ctrl.model.agents.AgentConfig;
import dev.ctrl.engine.Policies;
import dev.ctrl.engine.Snapshot;
import dev.ctrl.engine.StateIndex;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.engine.VerificationSpec;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.service.SnapshotLoader;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import java.util.HashMap;
import java.util.Map;

/** One tick's read of the state: the engine's snapshot, indexed, plus the declared job agents. */
final class World {
  final Snapshot snapshot;
  final StateIndex index;
  final Policies policies;
  /** The declared job agents by name: each one's kind and configuration block as written. */
  final Map<String, AgentDecl> agents = new HashMap<>();
  private final Map<Long, TargetFact> targetsById = new HashMap<>();
  private final Map<String, TargetFact> targetsByKey = new HashMap<>();

  World(StoreReader reader, CelExpressions cel) {
    this.snapshot = SnapshotLoader.load(reader);
    this.index = new StateIndex(snapshot);
    this.policies = new Policies(snapshot.policies(), index, cel);
    for (TargetFact t : snapshot.targets()) {
      targetsById.put(t.id(), t);
      targetsByKey.put(t.key().toString(), t);
    }
    for (StoredObject o : reader.objects(ObjectType.JOB_AGENT)) {
      AgentDecl decl = agent(o);
      if (decl != null) {
        agents.put(decl.name(), decl);
      }
    }
  }

  /** A stored JobAgent document as the loop uses it: its kind and its configuration block as written. */
  static AgentDecl agent(StoredObject o) {
    Map<String, Object> spec = JsonText.parseObject(o.specJson());
    for (String kind : AgentConfig.KINDS) {
      if (spec.get(kind) instanceof Map<?, ?> block) {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) block;
        return new AgentDecl(o.id(), kind, config);
      }
    }
    return null;
  }

  TargetFact target(long id) {
    return targetsById.get(id);
  }

  TargetFact target(String key) {
    return targetsByKey.get(key);
  }

  Version version(String deployment, String tag) {
    return index.version(deployment, tag);
  }

  /** The verification a deploy job of this target gets, or null. */
  VerificationSpec verification(TargetFact t) {
    return VerificationSpec.of(policies.applicable(t));
  }

  /** The context of a job; null when the target's deployment, environment or resource is gone. */
  JobContext context(TargetKey key, Version version, String jobId, String kind, int attempt) {
    var d = index.deployment(key.deployment());
    var e = index.environment(key.environment());
    var r = index.resource(key.resource());
    if (d == null || e == null || r == null || version == null) {
      return null;
    }
    return new JobContext(key, d, e, r, version, jobId, kind, attempt);
  }
}
