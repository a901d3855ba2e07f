package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.engine.Action;
import dev.ctrl.engine.Decision;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.Verdict;
import dev.ctrl.engine.VersionEvaluation;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.TargetKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON shape of a plan decision, and its text: indented as every other `-o json` output. */
class PlanJsonTest {
  private static final TargetKey KEY = new TargetKey("api", "production", "eu/cluster-1");
  private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

  private static final RuleResult APPROVAL = new RuleResult("prod-gate", 1, "approval", Verdict.PENDING,
      "approval 1/2 (needs \"alice\" or bob\\ops)\nsee runbook", null, null, true);
  private static final RuleResult WINDOW = new RuleResult("windows", 2, "deploymentWindow", Verdict.PENDING,
      "window opens Mon 09:00 Europe/Berlin", null, T.plusSeconds(3600), false);
  private static final RuleResult SOAK = new RuleResult("progression", 1, "environmentProgression",
      Verdict.ALLOWED, "staging: 3/3 succeeded, soaked 30m", T.minusSeconds(60), null, false);
  private static final RuleResult IN_FLIGHT = RuleResult.waiting("inFlightJob", "job job-7 (deploy of v2) is running", null);
  private static final RuleResult RETRY = RuleResult.allowed("retry", "first attempt", T);

  /** The element parsed back; and its text is exactly what JsonText would indent the same data to. */
  private static Map<String, Object> written(Decision d) {
    String text = PlanJson.element(d);
    Map<String, Object> parsed = JsonText.parseObject(text.strip());
    assertThat(text).isEqualTo(JsonText.prettyElement(parsed));
    assertThat(PlanJson.map(d)).isEqualTo(parsed);
    return parsed;
  }

  private static Map<String, Object> rule(String policy, Integer number, String type, String verdict, String reason,
      String satisfiedAt, String nextEvaluation) {
    return ordered("policy", policy, "rule", number == null ? null : number.longValue(), "type", type,
        "verdict", verdict, "reason", reason, "satisfiedAt", satisfiedAt, "nextEvaluation", nextEvaluation);
  }

  /** A map of the key-value pairs, in that order (values may be null). */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> version(String tag, boolean allowed, Object... rules) {
    return ordered("tag", tag, "allowed", allowed, "rules", Arrays.asList(rules));
  }

  private static final Map<String, Object> WINDOW_JSON = rule("windows", 2, "deploymentWindow", "pending",
      "window opens Mon 09:00 Europe/Berlin", null, "2026-11-27T11:00:00Z");
  private static final Map<String, Object> SOAK_JSON = rule("progression", 1, "environmentProgression", "allowed",
      "staging: 3/3 succeeded, soaked 30m", "2026-11-27T09:59:00Z", null);
  private static final Map<String, Object> IN_FLIGHT_JSON = rule(null, null, "inFlightJob", "pending",
      "job job-7 (deploy of v2) is running", null, null);

  @Test
  void theFieldsOfATargetInTheirOrder() {
    Map<String, Object> m = written(new Decision(KEY, null, null, Action.BLOCKED, null, List.of(), List.of()));
    assertThat(m.keySet()).containsExactly("key", "deployment", "environment", "resource", "currentVersion",
        "desiredVersion", "action", "nextEvaluation", "versions");
    assertThat(m).containsEntry("key", "api/production/eu/cluster-1").containsEntry("resource", "eu/cluster-1")
        .containsEntry("currentVersion", null).containsEntry("action", "blocked").containsEntry("versions", List.of());
  }

  @Test
  void versionsWithRulesEscapesAndTimes() {
    Map<String, Object> m = written(new Decision(KEY, "v1", "v1", Action.WAIT, T.plusSeconds(3600), List.of(
        new VersionEvaluation("v3", false, List.of(SOAK, APPROVAL, WINDOW)),
        new VersionEvaluation("v2", false, List.of()),
        new VersionEvaluation("v1", true, List.of(RuleResult.allowed("current", "the target runs v1", null)))),
        List.of()));
    assertThat(m.get("nextEvaluation")).isEqualTo("2026-11-27T11:00:00Z");
    assertThat(m.get("versions")).isEqualTo(List.of(
        version("v3", false, SOAK_JSON, rule("prod-gate", 1, "approval", "pending",
            "approval 1/2 (needs \"alice\" or bob\\ops)\nsee runbook", null, null), WINDOW_JSON),
        version("v2", false),
        version("v1", true, rule(null, null, "current", "allowed", "the target runs v1", null, null))));
  }

  @Test
  void jobGatesJoinTheDesiredVersion() {
    Map<String, Object> m = written(new Decision(KEY, "v1", "v2", Action.WAIT, null, List.of(
        new VersionEvaluation("v3", false, List.of(WINDOW)),
        new VersionEvaluation("v2", true, List.of(SOAK))), List.of(IN_FLIGHT)));
    assertThat(m.get("versions")).isEqualTo(List.of(version("v3", false, WINDOW_JSON),
        version("v2", true, SOAK_JSON, IN_FLIGHT_JSON)));
    Map<String, Object> deploy = written(new Decision(KEY, "v1", "v2", Action.DEPLOY, null, List.of(
        new VersionEvaluation("v2", true, List.of())), List.of(RETRY)));
    assertThat(deploy.get("versions")).isEqualTo(List.of(version("v2", true,
        rule(null, null, "retry", "allowed", "first attempt", "2026-11-27T10:00:00Z", null))));
  }

  @Test
  void jobGatesWithoutTheirVersionGetAnEntryOfTheirOwn() {
    RuleResult block = RuleResult.needsPerson("block", "version v2 is blocked in production: bad");
    Map<String, Object> blockJson = rule(null, null, "block", "pending", "version v2 is blocked in production: bad",
        null, null);
    assertThat(written(new Decision(KEY, "v2", "v1", Action.ROLLBACK, null, List.of(), List.of(block, IN_FLIGHT)))
        .get("versions")).isEqualTo(List.of(version("v1", false, blockJson, IN_FLIGHT_JSON)));
    // nothing desired: the entry carries the current version
    assertThat(written(new Decision(KEY, "v2", null, Action.BLOCKED, null, List.of(), List.of(block)))
        .get("versions")).isEqualTo(List.of(version("v2", false, blockJson)));
    assertThat(written(new Decision(KEY, "v2", "v1", Action.WAIT, null,
        List.of(new VersionEvaluation("v3", false, List.of(WINDOW))), List.of(block))).get("versions"))
        .isEqualTo(List.of(version("v3", false, WINDOW_JSON), version("v1", false, blockJson)));
  }

  @Test
  void aVerdictSharedByManyTargetsIsWrittenTheSameEveryTime() {
    // the writer keeps the text of a verdict it has seen twice: later copies must stay identical
    String first = null;
    for (int i = 0; i < 5; i++) {
      Decision d = new Decision(new TargetKey("api", "production", "r"), null, null, Action.BLOCKED, null,
          List.of(new VersionEvaluation("v3", false, List.of(APPROVAL, SOAK))), List.of());
      String text = PlanJson.element(d);
      written(d);
      if (first == null) {
        first = text;
      }
      assertThat(text).isEqualTo(first);
    }
  }
}
