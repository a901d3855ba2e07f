package dev.ctrl.verify;

import java.util.Map;

/**
 * Takes one measurement of a health metric (Prometheus, Datadog, HTTP, a command, a pause).
 *
 * <p>Contract: {@link #measure} returns the `result` map that conditions read, or
 * {@link Result#noData} when the source answered with nothing to judge. It throws
 * {@link ProviderException} when the source could not be asked (down, timeout, 5xx, bad query):
 * that is an error measurement, never a failed one, so an outage of the metrics store is not
 * mistaken for an unhealthy release. Measuring has no side effects and may be repeated.
 * Implementations are thread-safe.
 */
public interface MetricProvider {
  Result measure() throws ProviderException;

  /**
   * An excerpt of the source's last raw answer (for `ctrl verify test`), or null when the
   * provider keeps none. Never holds a secret.
   */
  default String lastResponse() {
    return null;
  }

  /**
   * A measurement's data: the `result` map, or no data at all. samples is how many samples the
   * measurement rests on (a range query's points), checked against a metric's minSamples; -1
   * when the provider does not count them (one value, a status code).
   */
  record Result(Map<String, Object> values, boolean empty, int samples) {
    public static Result of(Map<String, Object> values) {
      return new Result(values, false, -1);
    }

    public static Result noData(Map<String, Object> values) {
      return new Result(values, true, 0);
    }

    /** A result computed from a window of samples. */
    public static Result ofSamples(Map<String, Object> values, int samples) {
      return new Result(values, false, samples);
    }
  }
}
