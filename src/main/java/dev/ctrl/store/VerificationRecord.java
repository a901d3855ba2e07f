package dev.ctrl.store;

import java.time.Instant;
import java.util.List;

/**
 * A job's verification run as stored: status running, passed or failed; metrics the names of the
 * metrics it judges (JSON array); measurements in the order they were taken.
 */
public record VerificationRecord(
    long id,
    String jobId,
    String status,
    String onFailure,
    List<String> metrics,
    String message,
    Instant startedAt,
    Instant completedAt,
    List<MeasurementRecord> measurements) {

  /** One stored measurement: verdict passed, failed, inconclusive, error or no-data. */
  public record MeasurementRecord(String metric, String verdict, String resultJson, String error, Instant at) {}
}
