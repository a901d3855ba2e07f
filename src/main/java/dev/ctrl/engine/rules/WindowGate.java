package dev.ctrl.engine.rules;

import dev.ctrl.engine.RuleInput;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.Times;
import dev.ctrl.model.rules.DeploymentWindowRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Deployment windows from RFC 5545 rules (lib-recur), in the window's time zone so that 09:00 stays
 * 09:00 local across DST. Allow-windows admit only inside an occurrence, deny-windows only outside.
 * A target's first deployment ignores windows.
 */
public final class WindowGate {
  /** Where `now` stands relative to the occurrences: inside one (until `end`), and the next start. */
  record Position(boolean inside, Instant end, Instant nextStart) {}

  /** The rule by identity: a record hash would walk its rrule text for every target. */
  private record WindowKey(DeploymentWindowRule rule, Instant now) {
    @Override
    public boolean equals(Object o) {
      return o instanceof WindowKey k && k.rule == rule && k.now.equals(now);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(rule) * 31 + now.hashCode();
    }
  }

  private static final int MAX_STEPS = 100_000;

  private WindowGate() {}

  public static RuleResult evaluate(DeploymentWindowRule rule, RuleInput in) {
    if (in.firstDeployment()) {
      return RuleResult.allowed("deploymentWindow", "a target's first deployment ignores windows", null);
    }
    return in.caches().memo(new WindowKey(rule, in.now()), k -> verdict(rule, position(rule, in.now())));
  }

  private static RuleResult verdict(DeploymentWindowRule rule, Position p) {
    if (rule.allow()) {
      if (p.inside()) {
        return RuleResult.allowed("deploymentWindow", "inside the window until " + Times.at(p.end(), rule.timezone()), null);
      }
      if (p.nextStart() == null) {
        return RuleResult.denied("deploymentWindow", "the window has no further occurrence");
      }
      return RuleResult.waiting("deploymentWindow", "window opens " + Times.at(p.nextStart(), rule.timezone()),
          p.nextStart());
    }
    if (p.inside()) {
      return RuleResult.waiting("deploymentWindow", "deny window until " + Times.at(p.end(), rule.timezone()), p.end());
    }
    return RuleResult.allowed("deploymentWindow", "outside the deny window", null);
  }

  static Position position(DeploymentWindowRule rule, Instant now) {
    try {
      String text = rule.rrule().startsWith("RRULE:") ? rule.rrule().substring(6) : rule.rrule();
      RecurrenceRule rrule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_LAX);
      long anchor = LocalDateTime.of(1970, 1, 1, 0, 0).atZone(rule.timezone()).toInstant().toEpochMilli();
      RecurrenceRuleIterator it = rrule.iterator(anchor, TimeZone.getTimeZone(rule.timezone()));
      long nowMs = now.toEpochMilli();
      long length = rule.duration().toMillis();
      it.fastForward(nowMs - length + 1);
      long end = Long.MIN_VALUE;
      Long next = null;
      for (int i = 0; i < MAX_STEPS && it.hasNext(); i++) {
        long start = it.nextMillis();
        if (start > nowMs) {
          next = start;
          break;
        }
        end = Math.max(end, start + length);
      }
      boolean inside = end > nowMs;
      return new Position(inside, inside ? Instant.ofEpochMilli(end) : null, next == null ? null : Instant.ofEpochMilli(next));
    } catch (InvalidRecurrenceRuleException e) {
      return new Position(false, null, null);
    }
  }
}
