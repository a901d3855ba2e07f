package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.model.ObjectType;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.Version;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoredObject;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** `ctrl skip`: one rule of one policy allows one version (in a scope) until it expires. */
public final class SkipService {
  private final Store store;
  private final String actor;
  private final Instant now;

  public SkipService(Store store, String actor, Instant now) {
    this.store = store;
    this.actor = actor;
    this.now = now;
  }

  /** Returns the rule's type name, for the confirmation. */
  public String skip(String policy, int rule, String deployment, String tag, String environment, String resource,
      String reason, Instant expiresAt) {
    return store.write(actor, now, tx -> {
      StoredObject stored = tx.object(ObjectType.POLICY, policy).orElseThrow(() -> {
        Set<String> known = new TreeSet<>();
        tx.objects(ObjectType.POLICY).forEach(o -> known.add(o.id()));
        return CtrlException.usage(ApplyService.unknown(ObjectType.POLICY, policy, known));
      });
      PolicySpec spec = (PolicySpec) StateDocuments.bind(stored).spec();
      if (rule < 1 || rule > spec.rules().size()) {
        throw CtrlException.usage("policy \"" + policy + "\" has " + spec.rules().size() + " rules; --rule must be 1 to "
            + spec.rules().size() + " (as `ctrl plan` numbers them)");
      }
      Version v = ApprovalService.version(tx, deployment, tag);
      if (environment != null) {
        ApprovalService.requireEnvironment(tx, environment);
      }
      if (resource != null && tx.object(ObjectType.RESOURCE, resource).isEmpty()) {
        throw CtrlException.usage("resource \"" + resource + "\" does not exist");
      }
      tx.addSkip(policy, rule, v, environment, resource, reason, expiresAt);
      return spec.rules().get(rule - 1).typeName();
    });
  }
}
