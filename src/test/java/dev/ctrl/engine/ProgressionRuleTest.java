package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.rules.EnvironmentProgressionRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue behaviours 8-11. */
class ProgressionRuleTest {
  static EnvironmentProgressionRule after(String env, double pct, Duration soak, boolean verify) {
    return new EnvironmentProgressionRule("environment.name == '" + env + "'", pct, soak, null, verify);
  }

  Fixture threeInStaging(EnvironmentProgressionRule rule) {
    return new Fixture().targets("api", "staging", 3).target("api", "prod", "p1")
        .version("api", "v1", at("09:00")).policy("prog", "environment.name == 'prod'", rule);
  }

  RuleResult rule(Fixture f, String now) {
    return f.decide("api/prod/p1", at(now)).versions().get(0).rules().get(0);
  }

  @Test
  void noMatchingDependencyIsDenied() {
    Fixture f = threeInStaging(after("qa", 100, Duration.ZERO, true));
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.DENIED);
    assertThat(f.decide("api/prod/p1", at("11:00")).action()).isEqualTo(Action.BLOCKED);
  }

  @Test
  void aVersionBlockedInTheDependencyEnvironmentCannotProgress() {
    Fixture f = threeInStaging(after("staging", 50, Duration.ZERO, false))
        .succeeded("api/staging/staging-r0", "v1", at("10:05")).succeeded("api/staging/staging-r1", "v1", at("10:10"));
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.ALLOWED);
    f.block("api", "v1", "staging");
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.DENIED);
    assertThat(rule(f, "11:00").reason()).contains("blocked in staging");
    assertThat(f.decide("api/prod/p1", at("11:00")).action()).isEqualTo(Action.BLOCKED);
  }

  @Test
  void dependencyWithoutTargetsPasses() {
    Fixture f = threeInStaging(after("qa", 100, Duration.ZERO, true));
    f.environments.put("qa", new EnvironmentSpec("qa", null, List.of("shop"), "false", Map.of()));
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void targetsWithoutJobsArePendingAndPercentagesCount() {
    Fixture f = threeInStaging(after("staging", 100, Duration.ZERO, true));
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.PENDING);
    assertThat(f.decide("api/prod/p1", at("11:00")).action()).isEqualTo(Action.WAIT);
    f.succeeded("api/staging/staging-r0", "v1", at("10:05")).succeeded("api/staging/staging-r1", "v1", at("10:10"));
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.PENDING);
    assertThat(rule(f, "11:00").reason()).isEqualTo("2/3 targets of staging succeeded with v1 (need 100%)");
    Fixture sixty = threeInStaging(after("staging", 60, Duration.ZERO, true))
        .succeeded("api/staging/staging-r0", "v1", at("10:05")).succeeded("api/staging/staging-r1", "v1", at("10:10"));
    assertThat(rule(sixty, "11:00").verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void satisfiedAtIsWhenThePercentageWasReached() {
    for (Object[] c : new Object[][] {{50.0, "10:10"}, {67.0, "10:15"}, {100.0, "10:15"}}) {
      Fixture f = threeInStaging(after("staging", (double) c[0], Duration.ZERO, true))
          .succeeded("api/staging/staging-r0", "v1", at("10:05"))
          .succeeded("api/staging/staging-r1", "v1", at("10:10"))
          .succeeded("api/staging/staging-r2", "v1", at("10:15"));
      assertThat(rule(f, "11:00").satisfiedAt()).as(c[0] + "%").isEqualTo(at((String) c[1]));
    }
  }

  @Test
  void soakWaitsUntilLastSuccessPlusSoak() {
    Fixture f = threeInStaging(after("staging", 100, Duration.ofMinutes(30), true))
        .succeeded("api/staging/staging-r0", "v1", at("10:05"))
        .succeeded("api/staging/staging-r1", "v1", at("10:10"))
        .succeeded("api/staging/staging-r2", "v1", at("10:15"));
    RuleResult before = rule(f, "10:30");
    assertThat(before.verdict()).isEqualTo(Verdict.PENDING);
    assertThat(before.nextEvaluation()).isEqualTo(at("10:45"));
    Decision d = f.decide("api/prod/p1", at("10:30"));
    assertThat(d.action()).isEqualTo(Action.WAIT);
    assertThat(d.nextEvaluation()).isEqualTo(at("10:45"));
    assertThat(rule(f, "10:45").verdict()).isEqualTo(Verdict.ALLOWED);
  }

  @Test
  void requireVerificationCountsOnlyPassedVerifications() {
    Fixture f = new Fixture().target("api", "staging", "s1").target("api", "prod", "p1").version("api", "v1", at("09:00"))
        .policy("prog", "environment.name == 'prod'", after("staging", 100, Duration.ZERO, true));
    f.job("api/staging/s1", "v1", "successful", at("10:00"), at("10:01"), "failed");
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.PENDING);
    f.jobs.clear();
    f.job("api/staging/s1", "v1", "successful", at("10:00"), at("10:01"), "running");
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.PENDING);
    f.jobs.clear();
    f.job("api/staging/s1", "v1", "successful", at("10:00"), at("10:01"), "passed");
    assertThat(rule(f, "11:00").verdict()).isEqualTo(Verdict.ALLOWED);
  }
}
