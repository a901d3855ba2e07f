package dev.ctrl.engine;

import static dev.ctrl.engine.Fixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.rules.DeploymentWindowRule;
import dev.ctrl.model.rules.VersionCooldownRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Issue behaviours 18-21. */
class WindowCooldownTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final DeploymentWindowRule OFFICE_HOURS = new DeploymentWindowRule(
      "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0", Duration.ofHours(8), BERLIN, true);

  static Instant berlin(int y, int m, int d, int h, int min) {
    return ZonedDateTime.of(y, m, d, h, min, 0, 0, BERLIN).toInstant();
  }

  /** A target that already runs v1 (so windows apply) and a newer v2. */
  Fixture deployed(DeploymentWindowRule rule) {
    return new Fixture().target("api", "prod", "r1").version("api", "v1", berlin(2026, 11, 20, 8, 0))
        .version("api", "v2", berlin(2026, 11, 27, 8, 0)).succeeded("api/prod/r1", "v1", berlin(2026, 11, 20, 10, 0))
        .policy("windows", "true", rule);
  }

  @Test
  void allowWindowWaitsFromSaturdayUntilMondayMorningLocal() {
    Decision d = deployed(OFFICE_HOURS).decide("api/prod/r1", berlin(2026, 11, 28, 10, 0));
    assertThat(d.action()).isEqualTo(Action.WAIT);
    assertThat(d.nextEvaluation()).isEqualTo(berlin(2026, 11, 30, 9, 0));
    assertThat(d.firstObstacle().reason()).isEqualTo("window opens Mon 30 Nov 09:00 Europe/Berlin");
    assertThat(deployed(OFFICE_HOURS).decide("api/prod/r1", berlin(2026, 11, 30, 9, 30)).action())
        .isEqualTo(Action.DEPLOY);
  }

  @Test
  void theWindowOpensAtNineLocalAcrossADstChange() {
    // Sat 24 Oct 2026 10:00 CEST; DST ends Sun 25 Oct; Monday 09:00 is CET (08:00 UTC)
    Fixture f = new Fixture().target("api", "prod", "r1").version("api", "v1", berlin(2026, 10, 1, 8, 0))
        .version("api", "v2", berlin(2026, 10, 20, 8, 0)).succeeded("api/prod/r1", "v1", berlin(2026, 10, 2, 10, 0))
        .policy("windows", "true", OFFICE_HOURS);
    Decision d = f.decide("api/prod/r1", berlin(2026, 10, 24, 10, 0));
    assertThat(d.nextEvaluation()).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    Decision spring = new Fixture().target("api", "prod", "r1").version("api", "v1", berlin(2026, 3, 1, 8, 0))
        .version("api", "v2", berlin(2026, 3, 20, 8, 0)).succeeded("api/prod/r1", "v1", berlin(2026, 3, 2, 10, 0))
        .policy("windows", "true", OFFICE_HOURS).decide("api/prod/r1", berlin(2026, 3, 28, 10, 0));
    assertThat(spring.nextEvaluation()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
  }

  @Test
  void denyWindowWaitsUntilItsEndAndFirstDeploymentsIgnoreWindows() {
    DeploymentWindowRule freeze = new DeploymentWindowRule("FREQ=DAILY;BYHOUR=12;BYMINUTE=0;BYSECOND=0",
        Duration.ofHours(2), ZoneId.of("UTC"), false);
    Fixture f = new Fixture().target("api", "prod", "r1").target("api", "prod", "fresh")
        .version("api", "v1", at("09:00")).version("api", "v2", at("09:30"))
        .succeeded("api/prod/r1", "v1", at("09:10")).policy("freeze", "true", freeze);
    var d = f.decide(Instant.parse("2026-11-27T12:30:00Z"));
    assertThat(d.get("api/prod/r1").action()).isEqualTo(Action.WAIT);
    assertThat(d.get("api/prod/r1").nextEvaluation()).isEqualTo(Instant.parse("2026-11-27T14:00:00Z"));
    assertThat(d.get("api/prod/fresh").action()).isEqualTo(Action.DEPLOY);
    assertThat(f.decide("api/prod/r1", Instant.parse("2026-11-27T14:00:00Z")).action()).isEqualTo(Action.DEPLOY);
  }

  @Test
  void cooldownHoldsANewVersionUntilTheReferenceIsOldEnough() {
    Fixture f = new Fixture().target("api", "prod", "r1").version("api", "v1", at("10:00"))
        .succeeded("api/prod/r1", "v1", at("10:05")).version("api", "v2", at("10:20"))
        .policy("cool", "true", new VersionCooldownRule(Duration.ofHours(1)));
    Decision d = f.decide("api/prod/r1", at("10:30"));
    assertThat(d.action()).isEqualTo(Action.WAIT);
    assertThat(d.currentVersion()).isEqualTo("v1");
    assertThat(d.desiredVersion()).isEqualTo("v1");
    assertThat(d.nextEvaluation()).isEqualTo(at("11:00"));
    assertThat(f.decide("api/prod/r1", at("11:00")).desiredVersion()).isEqualTo("v2");
  }

  @Test
  void cooldownBatchesABurstIntoTheNewestVersion() {
    Fixture f = new Fixture().target("api", "prod", "r1").version("api", "v1", at("10:00"))
        .succeeded("api/prod/r1", "v1", at("10:05")).version("api", "v2", at("10:10"))
        .version("api", "v3", at("10:20")).version("api", "v4", at("10:30"))
        .policy("cool", "true", new VersionCooldownRule(Duration.ofHours(1)));
    assertThat(f.decide("api/prod/r1", at("10:45")).action()).isEqualTo(Action.WAIT);
    Decision after = f.decide("api/prod/r1", at("11:00"));
    assertThat(after.desiredVersion()).isEqualTo("v4");
    assertThat(after.action()).isEqualTo(Action.DEPLOY);
  }
}
