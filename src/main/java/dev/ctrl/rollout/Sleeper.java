package dev.ctrl.rollout;

import java.time.Duration;

/** How the loop waits between ticks; tests pass one that moves a fake clock instead. */
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));
}
