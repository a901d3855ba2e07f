package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.T0;
import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.VersionStatus;
import dev.ctrl.model.rules.ApprovalRule;
import dev.ctrl.model.rules.VersionSelectorRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Candidates, the desired version and actions (DOMAIN.md section 6; issue behaviours 1-4, 23, 26, 28, 31). */
class CandidatesTest {
  static final String KEY = "api/prod/r1";

  Fixture base() {
    return new Fixture().target("api", "prod", "r1");
  }

  @Test
  void withoutPoliciesTheNewestReadyVersionIsDesired() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .version("api", "v3", at("09:20"), VersionStatus.BUILDING, Map.of())
        .version("api", "v4", at("09:30"), VersionStatus.FAILED, Map.of())
        .version("api", "v5", at("09:40"), VersionStatus.REJECTED, Map.of());
    Decision d = f.decide(KEY, T0);
    assertThat(d.desiredVersion()).isEqualTo("v2");
    assertThat(d.action()).isEqualTo(Action.DEPLOY);
    assertThat(d.currentVersion()).isNull();
  }

  @Test
  void noReadyVersionMeansNothingToDo() {
    Decision d = base().version("api", "v1", at("09:00"), VersionStatus.BUILDING, Map.of()).decide(KEY, T0);
    assertThat(d.desiredVersion()).isNull();
    assertThat(d.action()).isEqualTo(Action.NONE);
  }

  @Test
  void pausedVersionStaysWhereItRunsAndGoesNowhereNew() {
    Fixture f = new Fixture().target("api", "prod", "r1").target("api", "prod", "r2")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:10"), VersionStatus.PAUSED, Map.of())
        .succeeded("api/prod/r1", "v2", at("09:20"));
    Map<String, Decision> d = f.decide(T0);
    assertThat(d.get("api/prod/r1").desiredVersion()).isEqualTo("v2");
    assertThat(d.get("api/prod/r1").action()).isEqualTo(Action.NONE);
    assertThat(d.get("api/prod/r2").desiredVersion()).isEqualTo("v1");
    assertThat(d.get("api/prod/r2").action()).isEqualTo(Action.DEPLOY);
  }

  @Test
  void allRulesOfAllApplicablePoliciesMustAllow() {
    Fixture f = base().version("api", "v1", at("09:00"))
        .policy("open", "true", new VersionSelectorRule("true", null))
        .policy("gate", "environment.name == 'prod'", new ApprovalRule(1, List.of()));
    Decision d = f.decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.BLOCKED);
    assertThat(d.versions().get(0).rules()).extracting(RuleResult::policy).containsExactly("open", "gate");
  }

  @Test
  void disabledOrNonMatchingPoliciesNeverBlock() {
    Fixture f = base().version("api", "v1", at("09:00"))
        .disabledPolicy("off", new ApprovalRule(1, List.of()))
        .policy("elsewhere", "environment.name == 'staging'", new ApprovalRule(1, List.of()))
        .policy("other-resource", "resource.metadata.region == 'eu'", new ApprovalRule(1, List.of()));
    Decision d = f.decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.DEPLOY);
    assertThat(d.versions().get(0).rules()).isEmpty();
  }

  @Test
  void newestVersionDeniedBySelectorFallsBackToTheNextAllowed() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2-beta", at("09:10"))
        .policy("stable", "true", new VersionSelectorRule("!version.tag.contains('beta')", "stable tags only"));
    Decision d = f.decide(KEY, T0);
    assertThat(d.desiredVersion()).isEqualTo("v1");
    assertThat(d.versions()).extracting(VersionEvaluation::tag).containsExactly("v2-beta", "v1");
    assertThat(d.versions().get(0).rules().get(0).verdict()).isEqualTo(Verdict.DENIED);
    assertThat(d.versions().get(0).rules().get(0).reason()).isEqualTo("v2-beta does not match stable tags only");
  }

  @Test
  void aSelectorThatReadsTheResourceIsJudgedPerTargetOfTheGroup() {
    // one group, decided in one pass: verdicts that depend on the resource must not be shared
    Fixture f = new Fixture().target("api", "prod", "eu").target("api", "prod", "us")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .policy("eu-first", "true", new VersionSelectorRule("version.tag != 'v2' || resource.metadata.region == 'eu'",
            null))
        .policy("eu-only", "resource.metadata.region == 'eu'", new VersionSelectorRule("version.tag != 'v1'", null));
    Map<String, Decision> all = f.decide(T0);
    assertThat(all.get("api/prod/eu").desiredVersion()).isEqualTo("v2");
    assertThat(all.get("api/prod/eu").versions().get(0).rules()).extracting(RuleResult::policy)
        .containsExactly("eu-first", "eu-only");
    assertThat(all.get("api/prod/us").desiredVersion()).isEqualTo("v1");
    assertThat(all.get("api/prod/us").versions().get(0).rules()).extracting(RuleResult::policy)
        .containsExactly("eu-first");
  }

  @Test
  void aStoredVersionSelectorWithoutItsExpressionDeniesInsteadOfFailing() {
    Fixture f = base().version("api", "v1", at("09:00"))
        .policy("legacy", "true", new VersionSelectorRule(null, null));
    Decision d = f.decide(KEY, T0);
    assertThat(d.desiredVersion()).isNull();
    assertThat(d.versions().get(0).rules().get(0).verdict()).isEqualTo(Verdict.DENIED);
  }

  @Test
  void anInFlightJobMakesANewVersionWait() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:30"))
        .succeeded(KEY, "v1", at("09:10"))
        .job(KEY, "v1", "in_progress", at("09:40"), null, null);
    Decision d = f.decide(KEY, T0);
    assertThat(d.desiredVersion()).isEqualTo("v2");
    assertThat(d.action()).isEqualTo(Action.WAIT);
    assertThat(d.firstObstacle().type()).isEqualTo("inFlightJob");
    assertThat(d.nextEvaluation()).isNull();
  }

  @Test
  void aSuccessfulJobIsFinal() {
    Decision d = base().version("api", "v1", at("09:00")).succeeded(KEY, "v1", at("09:10")).decide(KEY, T0);
    assertThat(d.currentVersion()).isEqualTo("v1");
    assertThat(d.action()).isEqualTo(Action.NONE);
  }

  @Test
  void aBlockedVersionIsNeverDesiredThereButStillElsewhere() {
    Fixture f = new Fixture().target("api", "prod", "r1").target("api", "staging", "r1")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:10")).block("api", "v2", "prod");
    Map<String, Decision> d = f.decide(T0);
    assertThat(d.get("api/prod/r1").desiredVersion()).isEqualTo("v1");
    assertThat(d.get("api/staging/r1").desiredVersion()).isEqualTo("v2");
  }

  @Test
  void noImplicitDowngrade() {
    Fixture f = new Fixture().target("api", "prod", "r1").target("api", "prod", "r2")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:10")).version("api", "v3", at("09:20"))
        .succeeded("api/prod/r1", "v3", at("09:30"))
        .policy("no-v3", "true", new VersionSelectorRule("version.tag != 'v3'", null));
    Map<String, Decision> d = f.decide(T0);
    // stays on v3 although a new selector denies it
    assertThat(d.get("api/prod/r1").desiredVersion()).isEqualTo("v3");
    assertThat(d.get("api/prod/r1").action()).isEqualTo(Action.NONE);
    // a fresh target gets the newest allowed version
    assertThat(d.get("api/prod/r2").desiredVersion()).isEqualTo("v2");
  }

  @Test
  void onlyABlockMovesATargetBackWithARollbackToTheLastGoodRelease() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .succeeded(KEY, "v1", at("09:05")).succeeded(KEY, "v2", at("09:20")).block("api", "v2", "prod");
    Decision d = f.decide(KEY, T0);
    assertThat(d.currentVersion()).isEqualTo("v2");
    assertThat(d.desiredVersion()).isEqualTo("v1");
    assertThat(d.action()).isEqualTo(Action.ROLLBACK);
  }

  @Test
  void aRejectedVersionIsRolledBackEverywhere() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .succeeded(KEY, "v1", at("09:05")).succeeded(KEY, "v2", at("09:20"));
    f.versions.set(1, new dev.ctrl.model.Version(2, "api", "v2", "v2", VersionStatus.REJECTED, Map.of(), Map.of(),
        Map.of(), null, at("09:10"), at("09:10")));
    Decision d = f.decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.ROLLBACK);
    assertThat(d.desiredVersion()).isEqualTo("v1");
  }

  @Test
  void aBlockWithNoEarlierGoodReleaseIsReportedAsBlocked() {
    Decision d = base().version("api", "v1", at("09:00")).succeeded(KEY, "v1", at("09:05")).block("api", "v1", "prod")
        .decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.BLOCKED);
    assertThat(d.firstObstacle().reason()).contains("is blocked in prod");
  }

  @Test
  void aHaltBlockKeepsTheTargetsOnTheVersionAndWaitsForAPerson() {
    Decision d = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .succeeded(KEY, "v1", at("09:05")).succeeded(KEY, "v2", at("09:20")).halt("api", "v2", "prod")
        .decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.BLOCKED);
    assertThat(d.currentVersion()).isEqualTo("v2");
    assertThat(d.firstObstacle().reason()).contains("onFailure: halt");
  }

  @Test
  void aFailedRollbackIsNotRetriedByItself() {
    Fixture f = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .succeeded(KEY, "v1", at("09:05")).succeeded(KEY, "v2", at("09:20")).block("api", "v2", "prod")
        .rollbackJob(KEY, "v1", "failure", at("09:30"));
    Decision d = f.decide(KEY, T0);
    assertThat(d.action()).isEqualTo(Action.BLOCKED);
    assertThat(d.jobGates()).anySatisfy(r -> assertThat(r.reason()).contains("not retried automatically"));
    // a rollback that succeeded makes v1 current again: nothing more to do
    Decision after = base().version("api", "v1", at("09:00")).version("api", "v2", at("09:10"))
        .succeeded(KEY, "v1", at("09:05")).succeeded(KEY, "v2", at("09:20")).block("api", "v2", "prod")
        .rollbackJob(KEY, "v1", "successful", at("09:30")).decide(KEY, T0);
    assertThat(after.currentVersion()).isEqualTo("v1");
    assertThat(after.action()).isEqualTo(Action.NONE);
  }
}
