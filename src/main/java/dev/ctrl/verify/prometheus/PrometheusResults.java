package dev.ctrl.verify.prometheus;

import dev.ctrl.verify.MetricProvider.Result;
import dev.ctrl.verify.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a `success` envelope's `data` into the `result` map conditions read:
 *
 * <ul>
 *   <li>`value`: the first series' sample as a double (for a range query its newest sample), NaN
 *       when the result is empty;
 *   <li>`values`: every sample of the first series, oldest first;
 *   <li>`results`: every series, `{labels, value, values}`;
 *   <li>`empty`, `resultType`, and `warnings` when the server sent any.
 * </ul>
 *
 * Sample values arrive as JSON strings, `"NaN"`, `"+Inf"` and `"-Inf"` included; they become
 * doubles, so `result.value < 0.05` compares numbers (and is false for NaN).
 */
final class PrometheusResults {
  private PrometheusResults() {}

  static Result read(Map<String, Object> envelope, boolean range) throws ProviderException {
    if (!(envelope.get("data") instanceof Map<?, ?> data)) {
      throw new ProviderException("Prometheus: the answer has no `data`");
    }
    Object type = data.get("resultType");
    Object raw = data.get("result");
    List<Map<String, Object>> series = new ArrayList<>();
    if ("vector".equals(type) || "matrix".equals(type)) {
      if (!(raw instanceof List<?> list)) {
        throw new ProviderException("Prometheus: a " + type + " result that is not a list");
      }
      for (Object s : list) {
        if (s instanceof Map<?, ?> m) {
          series.add(series(m));
        }
      }
    } else if ("scalar".equals(type) || "string".equals(type)) {
      // [time, "value"]: one unlabelled sample; a string that is not a number is NaN, kept as `text`
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("labels", Map.of());
      List<Double> values = new ArrayList<>();
      if (raw instanceof List<?> pair && pair.size() == 2) {
        values.add("string".equals(type) ? lenient(pair.get(1)) : sample(pair.get(1)));
        one.put("text", String.valueOf(pair.get(1)));
      }
      one.put("values", values);
      one.put("value", values.isEmpty() ? Double.NaN : values.get(values.size() - 1));
      series.add(one);
    } else {
      throw new ProviderException("Prometheus: unknown resultType " + type);
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("resultType", type);
    boolean empty = series.isEmpty();
    Map<String, Object> first = empty ? Map.of() : series.get(0);
    @SuppressWarnings("unchecked")
    List<Double> firstValues = empty ? List.of() : (List<Double>) first.get("values");
    result.put("value", empty ? Double.NaN : first.get("value"));
    result.put("values", firstValues);
    result.put("results", series);
    result.put("empty", empty);
    if (first.get("text") != null) {
      result.put("text", first.get("text"));
    }
    if (envelope.get("warnings") instanceof List<?> w && !w.isEmpty()) {
      result.put("warnings", List.copyOf(w.stream().map(String::valueOf).toList()));
    }
    if (empty) {
      return Result.noData(result);
    }
    return range ? Result.ofSamples(result, firstValues.size()) : Result.of(result);
  }

  /** One series of a vector (`value`) or matrix (`values`). Native histogram samples have no number: NaN. */
  private static Map<String, Object> series(Map<?, ?> s) throws ProviderException {
    Map<String, Object> labels = new LinkedHashMap<>();
    if (s.get("metric") instanceof Map<?, ?> metric) {
      metric.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    }
    List<Double> values = new ArrayList<>();
    if (s.get("value") instanceof List<?> pair) {
      values.add(pair.size() == 2 ? sample(pair.get(1)) : Double.NaN);
    } else if (s.get("values") instanceof List<?> points) {
      for (Object p : points) {
        values.add(p instanceof List<?> pair && pair.size() == 2 ? sample(pair.get(1)) : Double.NaN);
      }
    } else if (s.containsKey("histogram") || s.containsKey("histograms")) {
      values.add(Double.NaN);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", labels);
    out.put("value", values.isEmpty() ? Double.NaN : values.get(values.size() - 1));
    out.put("values", values);
    return out;
  }

  /** A sample value: a JSON string ("0.25", "NaN", "+Inf", "-Inf"), or a number from a lenient proxy. */
  static double sample(Object v) throws ProviderException {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    String s = String.valueOf(v).trim();
    switch (s) {
      case "NaN":
        return Double.NaN;
      case "+Inf", "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new ProviderException("Prometheus: the sample value \"" + shorten(s) + "\" is not a number");
        }
    }
  }

  private static double lenient(Object v) {
    try {
      return sample(v);
    } catch (ProviderException e) {
      return Double.NaN;
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
