package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.rules.ApprovalRule;
import dev.ctrl.model.rules.GradualRolloutRule;
import dev.ctrl.model.rules.GradualRolloutRule.RolloutType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue behaviours 12-17. */
class GradualRolloutTest {
  static GradualRolloutRule linear(int seconds, boolean waitForVerification) {
    return new GradualRolloutRule(Duration.ofSeconds(seconds), RolloutType.LINEAR, null, null, waitForVerification);
  }

  Fixture f(int targets, GradualRolloutRule rule) {
    return new Fixture().targets("api", "prod", targets).version("api", "v1", at("10:00")).policy("roll", "true", rule);
  }

  long count(Map<String, Decision> d, Action a) {
    return d.values().stream().filter(x -> x.action() == a).count();
  }

  @Test
  void linearOpensOnePositionPerInterval() {
    Fixture f = f(3, linear(60, false));
    Map<String, Decision> d = f.decide(at("10:00").plusSeconds(30));
    assertThat(count(d, Action.DEPLOY)).isEqualTo(1);
    assertThat(count(d, Action.WAIT)).isEqualTo(2);
    List<Instant> opens = d.values().stream().filter(x -> x.action() == Action.WAIT).map(Decision::nextEvaluation)
        .sorted().toList();
    assertThat(opens).containsExactly(at("10:01"), at("10:02"));
  }

  @Test
  void normalizedSpreadsTheIntervalOverAllTargets() {
    Fixture f = f(3, new GradualRolloutRule(Duration.ofSeconds(60), RolloutType.LINEAR_NORMALIZED, null, null, false));
    List<Instant> opens = f.decide(at("10:00")).values().stream()
        .map(x -> x.action() == Action.DEPLOY ? at("10:00") : x.nextEvaluation()).sorted().toList();
    assertThat(opens).containsExactly(at("10:00"), at("10:00").plusSeconds(20), at("10:00").plusSeconds(40));
    Fixture zero = f(3, linear(0, false));
    assertThat(count(zero.decide(at("10:00")), Action.DEPLOY)).isEqualTo(3);
  }

  @Test
  void startIsWhenTheApprovalWasSatisfied() {
    Instant a = at("10:30");
    Fixture f = new Fixture().targets("api", "prod", 5).version("api", "v1", at("10:00"))
        .policy("gates", "true", new ApprovalRule(1, List.of()), linear(60, false))
        .approve("api", "v1", "prod", "alice", a);
    int[] expected = {1, 1, 2, 3, 4, 5};
    long[] offsets = {0, 30, 60, 120, 180, 240};
    for (int i = 0; i < offsets.length; i++) {
      assertThat(count(f.decide(a.plusSeconds(offsets[i])), Action.DEPLOY)).as("at A+" + offsets[i] + "s")
          .isEqualTo(expected[i]);
    }
  }

  @Test
  void waitForVerificationHoldsTheNextPositionUntilTheFirstIsVerified() {
    Fixture f = f(2, linear(60, true));
    Map<String, Decision> d = f.decide(at("10:05"));
    String first = d.values().stream().filter(x -> x.action() == Action.DEPLOY).findFirst().orElseThrow().key().toString();
    String second = d.keySet().stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
    assertThat(d.get(second).action()).isEqualTo(Action.WAIT);
    assertThat(d.get(second).firstObstacle().reason()).contains("waits for " + first);
    f.job(first, "v1", "successful", at("10:01"), at("10:02"), "running");
    assertThat(f.decide(second, at("10:05")).action()).isEqualTo(Action.WAIT);
    f.jobs.clear();
    f.job(first, "v1", "successful", at("10:01"), at("10:02"), "passed");
    assertThat(f.decide(second, at("10:05")).action()).isEqualTo(Action.DEPLOY);
  }

  @Test
  void maxConcurrentBoundsTargetsDeployingOrVerifying() {
    Fixture f = f(4, new GradualRolloutRule(Duration.ZERO, RolloutType.LINEAR, null, 2, false));
    f.job("api/prod/prod-r0", "v1", "in_progress", at("10:01"), null, null);
    f.job("api/prod/prod-r1", "v1", "successful", at("10:01"), at("10:02"), "running");
    Map<String, Decision> d = f.decide(at("10:05"));
    assertThat(d.get("api/prod/prod-r2").action()).isEqualTo(Action.WAIT);
    assertThat(d.get("api/prod/prod-r2").firstObstacle().reason()).contains("maxConcurrent 2");
    assertThat(d.get("api/prod/prod-r3").action()).isEqualTo(Action.WAIT);
  }

  @Test
  void maxConcurrentNeverStartsMoreThanTheBoundInOneTick() {
    Fixture f = f(5, new GradualRolloutRule(Duration.ZERO, RolloutType.LINEAR, null, 2, false));
    assertThat(count(f.decide(at("10:05")), Action.DEPLOY)).isEqualTo(2);
    f.job("api/prod/prod-r0", "v1", "in_progress", at("10:01"), null, null);
    // one busy: only one more may start
    assertThat(count(f.decide(at("10:05")), Action.DEPLOY)).isEqualTo(1);
  }

  @Test
  void orderIsDeterministicPerVersionAndFollowsAnOrderExpression() {
    Fixture a = new Fixture().targets("api", "prod", 8).version("api", "v1", at("10:00")).version("api", "v2", at("10:00"))
        .policy("roll", "true", linear(60, false));
    String firstV2 = opened(a.decide(at("10:00")));
    assertThat(opened(a.decide(at("10:00")))).isEqualTo(firstV2);
    // v1 on its own: a different version hashes to a different order (for these eight targets)
    Fixture b = new Fixture().targets("api", "prod", 8).version("api", "v1", at("10:00"))
        .policy("roll", "true", linear(60, false));
    assertThat(opened(b.decide(at("10:00")))).isNotEqualTo(firstV2);
    Fixture ordered = new Fixture().targets("api", "prod", 3).version("api", "v1", at("10:00"))
        .policy("roll", "true", new GradualRolloutRule(Duration.ofSeconds(60), RolloutType.LINEAR,
            "resource.name == 'prod-r2' ? 'a' : 'b' + resource.name", null, false));
    assertThat(opened(ordered.decide(at("10:00")))).isEqualTo("api/prod/prod-r2");
  }

  private static String opened(Map<String, Decision> d) {
    return d.values().stream().filter(x -> x.action() == Action.DEPLOY).findFirst().orElseThrow().key().toString();
  }

  @Test
  void aTargetAlreadyOnTheVersionIsNotGated() {
    Fixture f = f(3, linear(3600, true)).succeeded("api/prod/prod-r2", "v1", at("10:01"));
    Decision d = f.decide("api/prod/prod-r2", at("10:02"));
    assertThat(d.action()).isEqualTo(Action.NONE);
    assertThat(d.currentVersion()).isEqualTo("v1");
  }
}
