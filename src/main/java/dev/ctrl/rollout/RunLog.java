package dev.ctrl.rollout;

import java.util.ArrayList;
import java.util.List;

/** What went wrong in this run, for exit code 1 and the closing summary. */
final class RunLog {
  private final List<String> failures = new ArrayList<>();
  int dispatched;
  int succeeded;
  int rollbacks;
  /** False for `ctrl rollback`: there a rollback is what was asked for, not a failure. */
  boolean rollbackIsFailure = true;
  /**
   * A job that fails may still be retried, so in `ctrl rollout` only what it leads to (a block)
   * fails the run; `ctrl redeploy` and `ctrl rollback` wait for their own jobs, whose failure is final.
   */
  boolean jobFailureIsFinal;
  private final List<String> jobFailures = new ArrayList<>();

  void jobFailed(String what) {
    jobFailures.add(what);
  }

  void failed(String what) {
    failures.add(what);
  }

  boolean anyFailed() {
    return !failures.isEmpty() || rollbackIsFailure && rollbacks > 0 || jobFailureIsFinal && !jobFailures.isEmpty();
  }

  List<String> failures() {
    List<String> all = new ArrayList<>(failures);
    if (jobFailureIsFinal) {
      all.addAll(jobFailures);
    }
    return all;
  }
}
