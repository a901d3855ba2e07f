package dev.ctrl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineCachesTest {
  private final EngineCaches caches = new EngineCaches();
  private final Object windowRule = new Object();
  private final Object cooldownRule = new Object();
  private final RuleResult closed = RuleResult.waiting("deploymentWindow", "window opens Mon 09:00",
      Instant.parse("2026-11-30T08:00:00Z"));

  @Test
  void aSharedVerdictIsStampedOnceAndStampedCorrectly() {
    RuleResult first = caches.stamped(windowRule, closed, "windows", 2);
    RuleResult again = caches.stamped(windowRule, closed, "windows", 2);

    assertThat(again).isSameAs(first);
    assertThat(first.policy()).isEqualTo("windows");
    assertThat(first.rule()).isEqualTo(2);
    assertThat(first.reason()).isEqualTo(closed.reason());
    assertThat(first.nextEvaluation()).isEqualTo(closed.nextEvaluation());
  }

  @Test
  void differentVerdictsPoliciesOrNumbersAreNeverConfused() {
    RuleResult open = RuleResult.allowed("deploymentWindow", "inside the window", null);
    RuleResult a = caches.stamped(windowRule, closed, "windows", 2);
    RuleResult b = caches.stamped(windowRule, open, "windows", 2);
    RuleResult c = caches.stamped(windowRule, closed, "other", 2);
    RuleResult d = caches.stamped(windowRule, closed, "windows", 3);
    RuleResult e = caches.stamped(cooldownRule, closed, "windows", 2);

    assertThat(b.reason()).isEqualTo("inside the window");
    assertThat(c.policy()).isEqualTo("other");
    assertThat(d.rule()).isEqualTo(3);
    assertThat(e).isNotSameAs(a).isEqualTo(a);
    // a few verdicts per rule are remembered (one per version a target weighs)
    assertThat(caches.stamped(windowRule, open, "windows", 2)).isSameAs(b);
  }
}
