package dev.ctrl.engine.rules;

import dev.ctrl.engine.HashMix;
import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.Times;
import dev.ctrl.model.Durations;
import dev.ctrl.model.Version;
import dev.ctrl.model.rules.VersionCooldownRule;
import java.time.Instant;

/** Batches bursts: a different version only once the reference version is `duration` old. */
public final class CooldownGate {
  private CooldownGate() {}

  public static RuleResult evaluate(VersionCooldownRule rule, RuleInput in) {
    Version reference = in.inFlight() != null ? in.index().versionById(in.inFlight().versionId()) : in.current();
    if (reference == null || reference.id() == in.version().id()) {
      return RuleResult.allowed("versionCooldown", "no cooldown applies", null);
    }
    Version ref = reference;
    return in.caches().memo(new CooldownKey(rule, ref.id(), in.version().id()), k -> verdict(rule, ref, in));
  }

  private record CooldownKey(VersionCooldownRule rule, long referenceId, long versionId) {
    @Override
    public int hashCode() {
      return HashMix.of(System.identityHashCode(rule), Long.hashCode(referenceId), Long.hashCode(versionId));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CooldownKey k && k.rule == rule && k.referenceId == referenceId && k.versionId == versionId;
    }
  }

  private static RuleResult verdict(VersionCooldownRule rule, Version reference, RuleInput in) {
    Instant open = reference.createdAt().plus(rule.duration());
    if (in.now().isBefore(open)) {
      return RuleResult.waiting("versionCooldown", "cooldown of " + Durations.format(rule.duration()) + " after "
          + reference.tag() + " until " + Times.at(open), open);
    }
    return RuleResult.allowed("versionCooldown", "cooldown after " + reference.tag() + " passed", open);
  }
}
