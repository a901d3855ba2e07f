package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.rules.ApprovalRule;
import dev.ctrl.model.rules.DeploymentDependencyRule;
import dev.ctrl.model.rules.RetryRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue behaviours 22, 24, 25, 27. */
class DependencyRetrySkipTest {
  static final String KEY = "api/prod/r1";

  @Test
  void dependencyNeedsTheUpstreamToRunAMatchingSuccessfulVersionOnTheResource() {
    Fixture f = new Fixture().target("api", "prod", "r1").target("db", "prod", "r1")
        .version("api", "v1", at("09:00")).version("db", "d1", at("09:00")).version("db", "d2", at("09:05"))
        .policy("dep", "deployment.name == 'api'", new DeploymentDependencyRule("db", "version.tag == 'd2'"));
    Decision none = f.decide(KEY, at("10:00"));
    assertThat(none.action()).isEqualTo(Action.BLOCKED);
    assertThat(none.firstObstacle().reason()).isEqualTo("db runs no successful version on r1");
    f.succeeded("db/prod/r1", "d1", at("09:30"));
    Decision wrong = f.decide(KEY, at("10:00"));
    assertThat(wrong.firstObstacle().verdict()).isEqualTo(Verdict.DENIED);
    assertThat(wrong.firstObstacle().reason()).contains("db runs d1, which does not match");
    f.succeeded("db/prod/r1", "d2", at("09:40"));
    assertThat(f.decide(KEY, at("10:00")).action()).isEqualTo(Action.DEPLOY);
  }

  Fixture failing(RetryRule... retry) {
    Fixture f = new Fixture().target("api", "prod", "r1").version("api", "v1", at("09:00"));
    if (retry.length > 0) {
      f.policy("retry", "true", retry);
    }
    return f;
  }

  @Test
  void withoutARetryRuleAFailedReleaseGetsNoSecondJob() {
    Fixture f = failing().job(KEY, "v1", "failure", at("09:10"), at("09:11"), null);
    Decision d = f.decide(KEY, at("10:00"));
    assertThat(d.action()).isEqualTo(Action.BLOCKED);
    assertThat(d.firstObstacle().type()).isEqualTo("retry");
  }

  @Test
  void maxRetriesThreeAllowsJobsTwoToFour() {
    RetryRule rule = new RetryRule(3, Duration.ZERO, RetryRule.Strategy.LINEAR, null, RetryRule.DEFAULT_ON_STATUSES);
    Fixture f = failing(rule);
    for (int job = 1; job <= 5; job++) {
      Decision d = f.decide(KEY, at("10:00"));
      if (job <= 4) {
        assertThat(d.action()).as("job " + job).isEqualTo(Action.DEPLOY);
        f.job(KEY, "v1", "failure", at("09:0" + job), at("09:0" + job).plusSeconds(5), null);
      } else {
        assertThat(d.action()).as("job 5").isEqualTo(Action.BLOCKED);
        assertThat(d.firstObstacle().reason()).startsWith("retries exhausted: 4 failed jobs");
      }
    }
  }

  @Test
  void exponentialBackoffDoublesAndIsCapped() {
    RetryRule rule = new RetryRule(10, Duration.ofSeconds(30), RetryRule.Strategy.EXPONENTIAL, Duration.ofSeconds(200),
        RetryRule.DEFAULT_ON_STATUSES);
    Fixture f = failing(rule);
    long[] expected = {30, 60, 120, 200};
    for (int attempt = 1; attempt <= 4; attempt++) {
      f.job(KEY, "v1", "failure", at("09:00").plusSeconds(attempt), at("09:30"), null);
      Decision d = f.decide(KEY, at("09:30"));
      assertThat(d.action()).isEqualTo(Action.WAIT);
      assertThat(d.nextEvaluation()).as("after attempt " + attempt).isEqualTo(at("09:30").plusSeconds(expected[attempt - 1]));
    }
  }

  @Test
  void aSkipBypassesOnlyTheNamedRuleForThatVersionAndScopeUntilItExpires() {
    Fixture f = new Fixture().target("api", "prod", "r1").target("api", "staging", "r1")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .policy("gates", "true", new ApprovalRule(1, List.of()), new ApprovalRule(2, List.of()))
        .skip("gates", 1, "api", "v2", "prod", at("11:00"));
    Decision prod = f.decide(KEY, at("10:00"));
    assertThat(prod.versions().get(0).rules().get(0).verdict()).isEqualTo(Verdict.ALLOWED);
    assertThat(prod.versions().get(0).rules().get(0).reason()).startsWith("skipped by alice: hotfix");
    assertThat(prod.versions().get(0).rules().get(1).verdict()).isEqualTo(Verdict.PENDING);
    assertThat(f.decide("api/staging/r1", at("10:00")).versions().get(0).rules().get(0).verdict())
        .isEqualTo(Verdict.PENDING);
    assertThat(f.decide(KEY, at("11:00")).versions().get(0).rules().get(0).verdict()).isEqualTo(Verdict.PENDING);
    // v1 is not covered by the skip of v2
    assertThat(f.decide(KEY, at("10:00")).versions().get(1).rules().get(0).verdict()).isEqualTo(Verdict.PENDING);
  }
}
