package dev.ctrl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.model.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesTheShortAndIsoForms() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void rejectsWhatIsNotADuration() {
    assertThat(Durations.parse("5 min")).isNull();
    assertThat(Durations.parse("5")).isNull();
    assertThat(Durations.parse("m5")).isNull();
    assertThat(Durations.parse("-5m")).isNull();
    assertThat(Durations.parse("PT-5M")).isNull();
    assertThat(Durations.parse("")).isNull();
  }

  @Test
  void formatsTheWayPeopleWrite() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofDays(2).plusSeconds(5))).isEqualTo("2d5s");
  }
}
