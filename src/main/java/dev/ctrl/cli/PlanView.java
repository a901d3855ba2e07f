package dev.ctrl.cli;

import dev.ctrl.engine.Decision;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.VersionEvaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The stable JSON shape of a plan decision, and its one-line explanation for tables. */
final class PlanView {
  private PlanView() {}

  static Map<String, Object> json(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", d.key().toString());
    m.put("deployment", d.key().deployment());
    m.put("environment", d.key().environment());
    m.put("resource", d.key().resource());
    m.put("currentVersion", d.currentVersion());
    m.put("desiredVersion", d.desiredVersion());
    m.put("action", d.action().wire());
    m.put("nextEvaluation", iso(d.nextEvaluation()));
    List<Map<String, Object>> versions = new ArrayList<>();
    for (VersionEvaluation v : d.versions()) {
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("tag", v.tag());
      vm.put("allowed", v.allowed());
      vm.put("rules", v.rules().stream().map(PlanView::rule).toList());
      versions.add(vm);
    }
    if (!d.jobGates().isEmpty()) {
      // job gates and blocks belong to the version they would act on: the desired one
      Map<String, Object> target = versions.stream().filter(v -> v.get("tag").equals(d.desiredVersion()))
          .findFirst().orElse(null);
      if (target == null) {
        target = new LinkedHashMap<>();
        target.put("tag", d.desiredVersion() != null ? d.desiredVersion() : d.currentVersion());
        target.put("allowed", false);
        target.put("rules", new ArrayList<>());
        versions.add(target);
      }
      List<Map<String, Object>> rules = new ArrayList<>(castRules(target.get("rules")));
      d.jobGates().forEach(g -> rules.add(rule(g)));
      target.put("rules", rules);
    }
    m.put("versions", versions);
    return m;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> castRules(Object o) {
    return (List<Map<String, Object>>) o;
  }

  static Map<String, Object> rule(RuleResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", r.policy());
    m.put("rule", r.rule());
    m.put("type", r.type());
    m.put("verdict", r.verdict().wire());
    m.put("reason", r.reason());
    m.put("satisfiedAt", iso(r.satisfiedAt()));
    m.put("nextEvaluation", iso(r.nextEvaluation()));
    return m;
  }

  /** Why the target is where it is, in one line: the first obstacle, and when it lifts. */
  static String why(Decision d, Renderer r) {
    RuleResult o = d.firstObstacle();
    switch (d.action()) {
      case DEPLOY -> {
        return "ready to deploy " + d.desiredVersion();
      }
      case ROLLBACK -> {
        return d.jobGates().isEmpty() ? "roll back" : d.jobGates().get(0).reason();
      }
      case NONE -> {
        return d.currentVersion() == null ? "no ready version" : "up to date";
      }
      default -> {
        if (o == null) {
          return d.currentVersion() == null && d.versions().isEmpty() ? "no ready version" : "";
        }
        String where = o.policy() == null ? o.type() : o.policy() + " #" + o.rule() + " " + o.type();
        String when = o.nextEvaluation() == null ? "" : " (" + r.until(o.nextEvaluation()) + ")";
        return where + ": " + o.reason() + when;
      }
    }
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }
}
