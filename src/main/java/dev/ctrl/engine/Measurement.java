package dev.ctrl.engine;

import java.time.Instant;
import java.util.Locale;

/** One measurement of a verification metric, as stored. */
public record Measurement(String metric, Kind kind, Instant at, String message) {
  /**
   * PASSED / FAILED / INCONCLUSIVE: the conditions judged a result. ERROR: the provider failed
   * (an outage, not a failure). NO_DATA: the provider answered with nothing to judge.
   */
  public enum Kind {
    PASSED,
    FAILED,
    INCONCLUSIVE,
    ERROR,
    NO_DATA;

    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
