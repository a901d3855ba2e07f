package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.rules.ApprovalRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue behaviours 5-7. */
class ApprovalRuleTest {
  Fixture f(ApprovalRule rule) {
    return new Fixture().target("api", "prod", "r1").target("api", "staging", "r1")
        .version("api", "v1", at("09:00")).policy("gates", "true", rule);
  }

  RuleResult rule(Decision d) {
    return d.versions().get(0).rules().get(0);
  }

  @Test
  void twoApprovalsNeeded() {
    Fixture f = f(new ApprovalRule(2, List.of())).approve("api", "v1", "prod", "alice", at("09:10"));
    Decision one = f.decide("api/prod/r1", at("09:30"));
    assertThat(one.action()).isEqualTo(Action.BLOCKED);
    assertThat(rule(one).verdict()).isEqualTo(Verdict.PENDING);
    assertThat(rule(one).reason()).startsWith("approval 1/2");
    f.approve("api", "v1", "prod", "bob", at("09:20"));
    Decision two = f.decide("api/prod/r1", at("09:30"));
    assertThat(two.action()).isEqualTo(Action.DEPLOY);
    assertThat(rule(two).satisfiedAt()).isEqualTo(at("09:20"));
  }

  @Test
  void onlyListedApproversCountAndRejectionVetoesOnlyThatEnvironment() {
    Fixture f = f(new ApprovalRule(1, List.of("carol"))).approve("api", "v1", "prod", "mallory", at("09:10"));
    assertThat(f.decide("api/prod/r1", at("09:30")).action()).isEqualTo(Action.BLOCKED);
    f.approve("api", "v1", "prod", "carol", at("09:15"));
    assertThat(f.decide("api/prod/r1", at("09:30")).action()).isEqualTo(Action.DEPLOY);

    Fixture r = f(new ApprovalRule(1, List.of())).approve("api", "v1", "prod", "alice", at("09:10"))
        .approve("api", "v1", "staging", "alice", at("09:10")).reject("api", "v1", "prod", "bob", at("09:20"));
    Map<String, Decision> d = r.decide(at("09:30"));
    assertThat(rule(d.get("api/prod/r1")).verdict()).isEqualTo(Verdict.DENIED);
    assertThat(rule(d.get("api/prod/r1")).reason()).isEqualTo("rejected by bob in prod: broken");
    assertThat(d.get("api/prod/r1").action()).isEqualTo(Action.BLOCKED);
    assertThat(d.get("api/staging/r1").action()).isEqualTo(Action.DEPLOY);
  }

  @Test
  void approvalIsPerEnvironment() {
    Fixture f = f(new ApprovalRule(1, List.of())).approve("api", "v1", "staging", "alice", at("09:10"));
    Map<String, Decision> d = f.decide(at("09:30"));
    assertThat(d.get("api/staging/r1").action()).isEqualTo(Action.DEPLOY);
    assertThat(d.get("api/prod/r1").action()).isEqualTo(Action.BLOCKED);
  }
}
