package dev.ctrl.rollout;

import java.util.ArrayList;
import java.util.List;

/** What went wrong in this run, for exit code 1 and the closing summary. */
final class RunLog {
  private final List<String> failures = new ArrayList<>();
  int dispatched;
  int succeeded;
  int rollbacks;

  void failed(String what) {
    failures.add(what);
  }

  boolean anyFailed() {
    return !failures.isEmpty() || rollbacks > 0;
  }

  List<String> failures() {
    return failures;
  }
}
