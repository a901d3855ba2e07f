package dev.ctrl.agent;

import dev.ctrl.model.JobStatus;
import java.util.Map;

/** A job's status as the external system reports it; links are name -> URL. */
public record PollResult(JobStatus status, String message, Map<String, String> links) {
  public PollResult {
    links = Map.copyOf(links);
  }

  public static PollResult of(JobStatus status, String message) {
    return new PollResult(status, message, Map.of());
  }
}
