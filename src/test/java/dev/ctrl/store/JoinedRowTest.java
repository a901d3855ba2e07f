package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoinedRowTest {
  private static final char SEP = '\u001f';

  private static String joined(String... fields) {
    return String.join(String.valueOf(SEP), fields);
  }

  @Test
  void readsTextNumbersAndEmptyFieldsInOrder() {
    JoinedRow r = new JoinedRow(SEP);
    r.reset(joined("job-7", "42", "-3", "", "successful", "", "1764230400000"));
    assertThat(r.text()).isEqualTo("job-7");
    assertThat(r.number()).isEqualTo(42);
    assertThat(r.number()).isEqualTo(-3);
    assertThat(r.numberOr(-1)).isEqualTo(-1);
    assertThat(r.shared()).isEqualTo("successful");
    assertThat(r.sharedOrNull()).isNull();
    assertThat(r.numberOr(-1)).isEqualTo(1764230400000L);
  }

  @Test
  void manyDistinctValuesAreStillSharedOnePerValue() {
    JoinedRow r = new JoinedRow(SEP);
    java.util.Map<String, String> first = new java.util.HashMap<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 100; i++) {
        r.reset(joined("svc-" + i));
        String s = r.shared();
        assertThat(s).isEqualTo("svc-" + i);
        String earlier = first.putIfAbsent(s, s);
        if (earlier != null) {
          assertThat(s).isSameAs(earlier);
        }
      }
    }
  }

  @Test
  void theRestIsEverythingLeftSeparatorsIncluded() {
    JoinedRow r = new JoinedRow(SEP);
    r.reset(joined("7", "api", "eu" + SEP + "odd/name"));
    assertThat(r.number()).isEqualTo(7);
    assertThat(r.shared()).isEqualTo("api");
    assertThat(r.rest()).isEqualTo("eu" + SEP + "odd/name");
    r.reset(joined("8", "api", ""));
    r.number();
    r.shared();
    assertThat(r.rest()).isEmpty();
  }

  @Test
  void equalKindsAndStatusesAreOneStringAcrossRows() {
    JoinedRow r = new JoinedRow(SEP);
    r.reset(joined("deploy", "success"));
    String kind = r.shared();
    String status = r.shared();
    r.reset(joined("deploy", "successful"));
    assertThat(r.shared()).isSameAs(kind);
    // a prefix of an earlier value is not that value
    String longer = r.shared();
    assertThat(longer).isEqualTo("successful").isNotSameAs(status);
    r.reset(joined("successful"));
    assertThat(r.shared()).isSameAs(longer);
  }

  @Test
  void aFieldThatIsNoNumberIsAnError() {
    JoinedRow r = new JoinedRow(SEP);
    r.reset(joined("12x"));
    assertThatThrownBy(r::number).hasMessageContaining("12x");
    r.reset(joined("", "1"));
    assertThatThrownBy(r::number).hasMessageContaining("empty");
  }
}
