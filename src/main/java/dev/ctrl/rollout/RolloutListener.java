package dev.ctrl.rollout;

import java.time.Instant;
import java.util.List;

/** Where the loop reports: a live table on a terminal, lines in CI logs, nothing in tests. */
public interface RolloutListener {
  void event(RolloutEvent event);

  /** The state of every target in scope after a tick. */
  default void progress(List<TargetProgress> rows, Instant now) {}

  RolloutListener NONE = e -> {};
}
