package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.VERIFICATION_MEASUREMENTS;
import static dev.ctrl.store.generated.Tables.VERIFICATION_RUNS;

import dev.ctrl.json.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Reads of the rollout loop's own records: verification runs and their measurements. */
final class RolloutQueries {
  private final DSLContext ctx;

  RolloutQueries(DSLContext ctx) {
    this.ctx = ctx;
  }

  List<VerificationRecord> verifications(Collection<String> jobIds) {
    Condition where = jobIds == null ? VERIFICATION_RUNS.STATUS.eq("running") : VERIFICATION_RUNS.JOB_ID.in(jobIds);
    if (jobIds != null && jobIds.isEmpty()) {
      return List.of();
    }
    var runs = ctx.select(VERIFICATION_RUNS.ID, VERIFICATION_RUNS.JOB_ID, VERIFICATION_RUNS.STATUS,
            VERIFICATION_RUNS.ON_FAILURE, VERIFICATION_RUNS.METRICS, VERIFICATION_RUNS.MESSAGE,
            VERIFICATION_RUNS.STARTED_AT, VERIFICATION_RUNS.COMPLETED_AT)
        .from(VERIFICATION_RUNS).where(where).orderBy(VERIFICATION_RUNS.ID).fetch();
    if (runs.isEmpty()) {
      return List.of();
    }
    Map<Long, List<VerificationRecord.MeasurementRecord>> byRun = new HashMap<>();
    List<Long> ids = runs.map(r -> r.value1());
    ctx.select(VERIFICATION_MEASUREMENTS.RUN_ID, VERIFICATION_MEASUREMENTS.METRIC, VERIFICATION_MEASUREMENTS.VERDICT,
            VERIFICATION_MEASUREMENTS.RESULT, VERIFICATION_MEASUREMENTS.ERROR, VERIFICATION_MEASUREMENTS.MEASURED_AT)
        .from(VERIFICATION_MEASUREMENTS)
        .where(VERIFICATION_MEASUREMENTS.RUN_ID.in(ids))
        .orderBy(VERIFICATION_MEASUREMENTS.ID)
        .forEach(r -> byRun.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(
            new VerificationRecord.MeasurementRecord(r.value2(), r.value3(), r.value4(), r.value5(),
                Instant.ofEpochMilli(r.value6()))));
    List<VerificationRecord> out = new ArrayList<>();
    for (var r : runs) {
      List<String> metrics = new ArrayList<>();
      if (JsonText.parse(r.value5()) instanceof List<?> names) {
        names.forEach(n -> metrics.add(String.valueOf(n)));
      }
      out.add(new VerificationRecord(r.value1(), r.value2(), r.value3(), r.value4(), metrics, r.value6(),
          Instant.ofEpochMilli(r.value7()), r.value8() == null ? null : Instant.ofEpochMilli(r.value8()),
          byRun.getOrDefault(r.value1(), List.of())));
    }
    return out;
  }
}
