package dev.ctrl.verify.datadog;

import dev.ctrl.verify.MetricProvider.Result;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a v1 query answer into the `result` map conditions read:
 *
 * <ul>
 *   <li>`value`: the first series' points aggregated (last, avg, min, max or sum);
 *   <li>`values`: the first series' non-null points, oldest first;
 *   <li>`series`: every series, `{metric, scope, expression, tags, value, values}`;
 *   <li>`queries`: each series' expression mapped to its aggregated value;
 *   <li>`empty`.
 * </ul>
 *
 * Null points are gaps and are skipped; a series with only gaps counts as empty. Points are
 * `[milliseconds, value]`; a timestamp small enough to be seconds is read as seconds, so
 * ordering never depends on the unit.
 */
final class DatadogSeries {
  /** Below this a timestamp is seconds since the epoch (1e11 ms is 1973; 1e11 s is year 5138). */
  private static final double SECONDS_BELOW = 1e11;

  enum Aggregator {
    LAST, AVG, MIN, MAX, SUM;

    static Aggregator of(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }

    double apply(List<Double> values) {
      return switch (this) {
        case LAST -> values.get(values.size() - 1);
        case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
      };
    }
  }

  private record Point(long millis, double value) {}

  private DatadogSeries() {}

  static Result read(Map<String, Object> json, Aggregator aggregator) {
    List<Map<String, Object>> series = new ArrayList<>();
    Map<String, Object> queries = new LinkedHashMap<>();
    if (json.get("series") instanceof List<?> list) {
      for (Object o : list) {
        if (!(o instanceof Map<?, ?> s)) {
          continue;
        }
        List<Double> values = points(s.get("pointlist"));
        if (values.isEmpty()) {
          continue; // only gaps: nothing to judge in this series
        }
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("metric", String.valueOf(s.get("metric")));
        one.put("scope", String.valueOf(s.get("scope")));
        one.put("expression", String.valueOf(s.get("expression")));
        List<String> tags = new ArrayList<>();
        if (s.get("tag_set") instanceof List<?> t) {
          t.forEach(x -> tags.add(String.valueOf(x)));
        }
        one.put("tags", tags);
        double value = aggregator.apply(values);
        one.put("value", value);
        one.put("values", values);
        series.add(one);
        queries.putIfAbsent(String.valueOf(s.get("expression")), value);
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    boolean empty = series.isEmpty();
    @SuppressWarnings("unchecked")
    List<Double> firstValues = empty ? List.of() : (List<Double>) series.get(0).get("values");
    result.put("value", empty ? Double.NaN : series.get(0).get("value"));
    result.put("values", firstValues);
    result.put("series", series);
    result.put("queries", queries);
    result.put("empty", empty);
    return empty ? Result.noData(result) : Result.ofSamples(result, firstValues.size());
  }

  /** The non-null values of a pointlist, oldest first. */
  private static List<Double> points(Object pointlist) {
    List<Point> points = new ArrayList<>();
    if (pointlist instanceof List<?> list) {
      for (Object p : list) {
        if (p instanceof List<?> pair && pair.size() >= 2 && pair.get(0) instanceof Number t
            && pair.get(1) instanceof Number v && !Double.isNaN(v.doubleValue())) {
          double ts = t.doubleValue();
          points.add(new Point((long) (ts < SECONDS_BELOW ? ts * 1000 : ts), v.doubleValue()));
        }
      }
    }
    points.sort(Comparator.comparingLong(Point::millis));
    return points.stream().map(Point::value).toList();
  }
}
