package dev.ctrl.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Job statuses (DOMAIN.md section 7). Terminal statuses never change again. */
public enum JobStatus {
  PENDING(false),
  IN_PROGRESS(false),
  ACTION_REQUIRED(false),
  SUCCESSFUL(true),
  FAILURE(true),
  CANCELLED(true),
  SKIPPED(true),
  INVALID_JOB_AGENT(true),
  INVALID_INTEGRATION(true),
  EXTERNAL_RUN_NOT_FOUND(true);

  private final boolean terminal;

  JobStatus(boolean terminal) {
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The wire names of the statuses a job can still leave (pending, in_progress, action_required). */
  public static final java.util.Set<String> NOT_TERMINAL = Arrays.stream(values()).filter(s -> !s.terminal)
      .map(JobStatus::wire).collect(java.util.stream.Collectors.toUnmodifiableSet());

  public static Optional<JobStatus> parse(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }
}
