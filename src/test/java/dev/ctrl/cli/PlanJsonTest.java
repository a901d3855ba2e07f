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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `plan -o json` writes decisions straight to text; it must be exactly what the map form prints. */
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

  private static String viaMaps(Decision d) {
    return JsonText.prettyElement(PlanView.json(d));
  }

  private static void assertSameText(Decision d) {
    assertThat(PlanJson.element(d)).isEqualTo(viaMaps(d));
  }

  @Test
  void aTargetWithNothingToConsider() {
    assertSameText(new Decision(KEY, null, null, Action.BLOCKED, null, List.of(), List.of()));
  }

  @Test
  void versionsWithRulesEscapesAndTimes() {
    Decision d = new Decision(KEY, "v1", "v1", Action.WAIT, T.plusSeconds(3600), List.of(
        new VersionEvaluation("v3", false, List.of(SOAK, APPROVAL, WINDOW)),
        new VersionEvaluation("v2", false, List.of()),
        new VersionEvaluation("v1", true, List.of(RuleResult.allowed("current", "the target runs v1", null)))),
        List.of());
    assertSameText(d);
    Map<?, ?> parsed = (Map<?, ?>) JsonText.parse(PlanJson.element(d));
    assertThat(parsed.get("nextEvaluation")).isEqualTo("2026-11-27T11:00:00Z");
  }

  @Test
  void jobGatesJoinTheDesiredVersion() {
    assertSameText(new Decision(KEY, "v1", "v2", Action.WAIT, null, List.of(
        new VersionEvaluation("v3", false, List.of(WINDOW)),
        new VersionEvaluation("v2", true, List.of(SOAK))), List.of(IN_FLIGHT)));
    assertSameText(new Decision(KEY, "v1", "v2", Action.DEPLOY, null, List.of(
        new VersionEvaluation("v2", true, List.of())), List.of(RETRY)));
  }

  @Test
  void jobGatesWithoutTheirVersionGetAnEntryOfTheirOwn() {
    RuleResult block = RuleResult.needsPerson("block", "version v2 is blocked in production: bad");
    assertSameText(new Decision(KEY, "v2", "v1", Action.ROLLBACK, null, List.of(), List.of(block, IN_FLIGHT)));
    assertSameText(new Decision(KEY, "v2", null, Action.BLOCKED, null, List.of(), List.of(block)));
    assertSameText(new Decision(KEY, "v2", "v1", Action.WAIT, null,
        List.of(new VersionEvaluation("v3", false, List.of(WINDOW))), List.of(block)));
  }

  @Test
  void aVerdictSharedByManyTargetsIsWrittenTheSameEveryTime() {
    // the writer keeps the text of a verdict it has seen twice: later copies must stay identical
    for (int i = 0; i < 5; i++) {
      TargetKey key = new TargetKey("api", "production", "r" + i);
      assertSameText(new Decision(key, null, null, Action.BLOCKED, null,
          List.of(new VersionEvaluation("v3", false, List.of(APPROVAL, SOAK))), List.of()));
    }
  }
}
