package dev.ctrl.config;

import dev.ctrl.model.ObjectType;
import dev.ctrl.model.rules.ApprovalRule;
import dev.ctrl.model.rules.DeploymentDependencyRule;
import dev.ctrl.model.rules.DeploymentWindowRule;
import dev.ctrl.model.rules.EnvironmentProgressionRule;
import dev.ctrl.model.rules.GradualRolloutRule;
import dev.ctrl.model.rules.PolicyRule;
import dev.ctrl.model.rules.RetryRule;
import dev.ctrl.model.rules.VerificationRule;
import dev.ctrl.model.rules.VersionCooldownRule;
import dev.ctrl.model.rules.VersionSelectorRule;
import dev.ctrl.model.metrics.MetricSpec;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Binds one entry of a policy's `rules`: an object with exactly one rule-type key. */
final class RuleBinder {
  private RuleBinder() {}

  /** metricNames: the metrics declared so far in this policy, by name, to catch duplicates across rules. */
  static PolicyRule bind(ObjNode rule, java.util.Map<String, Location> metricNames) {
    List<String> present = rule.keys().stream().toList();
    if (present.isEmpty()) {
      rule.doc.error(rule.node, rule.path, "is empty; a rule is one of " + String.join(", ", ConfigFields.RULE));
      return null;
    }
    rule.allow(ConfigFields.RULE);
    List<String> known = present.stream().filter(ConfigFields.RULE::contains).toList();
    if (known.size() > 1) {
      rule.doc.error(rule.keyNode(known.get(1)), rule.childPath(known.get(1)),
          "a rule has exactly one type, but this one has both " + known.get(0) + " and " + known.get(1)
              + " (write them as two list items)");
      return null;
    }
    if (known.isEmpty()) {
      return null;
    }
    String type = known.get(0);
    ObjNode o = rule.object(type, false);
    if (o == null && rule.has(type)) {
      return null;
    }
    if (o == null) {
      // `- approval:` with nothing after it: all defaults, where the rule type has them
      org.yaml.snakeyaml.nodes.Node key = rule.keyNode(type);
      o = ObjNode.of(rule.doc, new MappingNode(Tag.MAP, true, new ArrayList<>(), key.getStartMark(), key.getEndMark(),
          DumperOptions.FlowStyle.FLOW), rule.childPath(type));
    }
    return switch (type) {
      case "approval" -> approval(o);
      case "environmentProgression" -> progression(o);
      case "gradualRollout" -> gradualRollout(o);
      case "deploymentWindow" -> window(o);
      case "versionCooldown" -> cooldown(o);
      case "versionSelector" -> versionSelector(o);
      case "deploymentDependency" -> dependency(o);
      case "retry" -> retry(o);
      default -> verification(o, metricNames);
    };
  }

  private static ApprovalRule approval(ObjNode o) {
    o.allow(ConfigFields.APPROVAL_RULE);
    return new ApprovalRule(o.integer("minApprovals", 1, 1), o.strings("approvers", false, false));
  }

  private static EnvironmentProgressionRule progression(ObjNode o) {
    o.allow(ConfigFields.ENVIRONMENT_PROGRESSION_RULE);
    return new EnvironmentProgressionRule(o.expression("dependsOn", true, ExprSite.Kind.SELECTOR),
        o.number("minimumSuccessPercentage", 100, 0, 100), o.duration("minimumSoakTime", Duration.ZERO, false),
        o.duration("maximumAge", null, false), o.bool("requireVerification", true));
  }

  private static GradualRolloutRule gradualRollout(ObjNode o) {
    o.allow(ConfigFields.GRADUAL_ROLLOUT_RULE);
    Duration interval = o.duration("interval", null, true);
    String type = o.oneOf("type", "linear", List.of("linear", "linear-normalized"));
    GradualRolloutRule.RolloutType rolloutType = "linear-normalized".equals(type)
        ? GradualRolloutRule.RolloutType.LINEAR_NORMALIZED
        : GradualRolloutRule.RolloutType.LINEAR;
    return new GradualRolloutRule(interval, rolloutType, o.expression("order", false, ExprSite.Kind.STRING),
        o.integer("maxConcurrent", null, 1), o.bool("waitForVerification", true));
  }

  private static DeploymentWindowRule window(ObjNode o) {
    o.allow(ConfigFields.DEPLOYMENT_WINDOW_RULE);
    String rrule = o.requiredString("rrule");
    if (rrule != null) {
      String text = rrule.startsWith("RRULE:") ? rrule.substring(6) : rrule;
      try {
        new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_STRICT);
      } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
        o.doc.error(o.value("rrule"), o.childPath("rrule"), "\"" + rrule + "\" is not a valid RFC 5545 recurrence rule: "
            + e.getMessage() + " (example: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0)");
        rrule = null;
      }
    }
    Duration duration = o.duration("duration", null, true);
    if (duration != null && duration.isZero()) {
      o.doc.error(o.value("duration"), o.childPath("duration"), "must be longer than 0s");
    }
    ZoneId zone = ZoneId.of("UTC");
    String tz = o.string("timezone");
    if (tz != null) {
      try {
        zone = ZoneId.of(tz);
      } catch (DateTimeException e) {
        o.doc.error(o.value("timezone"), o.childPath("timezone"),
            "\"" + tz + "\" is not an IANA time zone (like Europe/Berlin, America/New_York, UTC)");
      }
    }
    return new DeploymentWindowRule(rrule, duration, zone, o.bool("allow", true));
  }

  private static VersionCooldownRule cooldown(ObjNode o) {
    o.allow(ConfigFields.VERSION_COOLDOWN_RULE);
    return new VersionCooldownRule(o.duration("duration", null, true));
  }

  private static VersionSelectorRule versionSelector(ObjNode o) {
    o.allow(ConfigFields.VERSION_SELECTOR_RULE);
    return new VersionSelectorRule(o.expression("selector", true, ExprSite.Kind.SELECTOR), o.string("description"));
  }

  private static DeploymentDependencyRule dependency(ObjNode o) {
    o.allow(ConfigFields.DEPLOYMENT_DEPENDENCY_RULE);
    String deployment = o.slug("deployment", true);
    if (deployment != null) {
      DocumentBinder.reference(o, "deployment", ObjectType.DEPLOYMENT, deployment);
    }
    return new DeploymentDependencyRule(deployment, o.expression("versionSelector", false, ExprSite.Kind.SELECTOR));
  }

  private static RetryRule retry(ObjNode o) {
    o.allow(ConfigFields.RETRY_RULE);
    String strategy = o.oneOf("strategy", "linear", List.of("linear", "exponential"));
    List<String> statuses = o.has("onStatuses") ? o.strings("onStatuses", true, false) : RetryRule.DEFAULT_ON_STATUSES;
    if (o.value("onStatuses") instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        if (seq.getValue().get(i) instanceof org.yaml.snakeyaml.nodes.ScalarNode item && !ObjNode.isNull(item)
            && !RetryRule.RETRYABLE_STATUSES.contains(item.getValue())) {
          o.doc.error(item, o.childPath("onStatuses") + "[" + i + "]", "\"" + item.getValue()
              + "\" is not a failed job status (" + String.join(", ", RetryRule.RETRYABLE_STATUSES) + ")");
        }
      }
    }
    return new RetryRule(o.integer("maxRetries", 0, 0), o.duration("backoff", Duration.ZERO, false),
        RetryRule.Strategy.valueOf(strategy.toUpperCase(Locale.ROOT)), o.duration("maxBackoff", null, false), statuses);
  }

  private static VerificationRule verification(ObjNode o, java.util.Map<String, Location> names) {
    o.allow(ConfigFields.VERIFICATION_RULE);
    List<MetricSpec> metrics = new ArrayList<>();
    for (ObjNode m : o.objects("metrics", true)) {
      if (m == null) {
        continue;
      }
      MetricSpec metric = MetricBinder.bind(m);
      if (metric != null && metric.name() != null) {
        Location here = o.doc.loc(m.value("name"));
        Location first = names.putIfAbsent(metric.name(), here);
        if (first != null) {
          o.doc.error(m.value("name"), m.childPath("name"), "metric \"" + metric.name() + "\" is declared twice (first at "
              + first + ")");
        }
      }
      metrics.add(metric);
    }
    o.oneOf("triggerOn", "jobSuccess", List.of("jobSuccess"));
    String onFailure = o.oneOf("onFailure", "rollback", List.of("rollback", "halt"));
    return new VerificationRule(metrics, "jobSuccess", VerificationRule.OnFailure.valueOf(onFailure.toUpperCase(Locale.ROOT)));
  }
}
