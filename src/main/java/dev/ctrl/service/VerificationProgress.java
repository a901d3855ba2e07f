package dev.ctrl.service;

import dev.ctrl.json.JsonText;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import dev.ctrl.store.VerificationRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far a running verification is: judged measurements against the `count` its metrics ask
 * for. A run stores only its metric names, so the counts come from the declared policies, read
 * as JSON (no CEL): a name declared with two different counts, or no longer declared, has no
 * known count, and then neither has the run.
 */
public final class VerificationProgress {
  /** expected is null when some metric's count is not known. */
  public record Progress(int judged, Integer expected) {}

  /** Verdicts the judge counts toward `count` (errors and no-data under the default `wait` do not). */
  private static final Set<String> JUDGED = Set.of("passed", "failed", "inconclusive");

  private final Map<String, Integer> counts;

  private VerificationProgress(Map<String, Integer> counts) {
    this.counts = counts;
  }

  /** Reads the metric counts of the declared policies once, for any number of runs. */
  public static VerificationProgress of(StoreReader store) {
    Map<String, Integer> counts = new HashMap<>();
    for (StoredObject policy : store.objects(ObjectType.POLICY)) {
      for (Map<?, ?> metric : metrics(JsonText.parseObject(policy.specJson()))) {
        int count = metric.get("count") instanceof Number n ? n.intValue() : 1; // the declared default
        counts.merge(String.valueOf(metric.get("name")), count, (a, b) -> a.equals(b) ? a : -1);
      }
    }
    return new VerificationProgress(counts);
  }

  private static List<Map<?, ?>> metrics(Map<String, Object> policy) {
    List<Map<?, ?>> out = new java.util.ArrayList<>();
    if (policy.get("rules") instanceof List<?> rules) {
      for (Object rule : rules) {
        if (rule instanceof Map<?, ?> r && r.get("verification") instanceof Map<?, ?> v
            && v.get("metrics") instanceof List<?> metrics) {
          metrics.stream().filter(Map.class::isInstance).forEach(m -> out.add((Map<?, ?>) m));
        }
      }
    }
    return out;
  }

  public Progress of(VerificationRecord run) {
    int judged = 0;
    Integer expected = 0;
    for (String metric : run.metrics()) {
      int n = (int) run.measurements().stream()
          .filter(m -> m.metric().equals(metric) && JUDGED.contains(m.verdict())).count();
      Integer count = counts.get(metric);
      if (count == null || count < 0) {
        expected = null;
        judged += n;
      } else {
        judged += Math.min(n, count);
        expected = expected == null ? null : expected + count;
      }
    }
    return new Progress(judged, expected);
  }
}
