package dev.ctrl.http;

import java.time.Duration;

/** How the HTTP layer waits out a rate limit or a backoff; tests pass one that only records. */
@FunctionalInterface
public interface Sleep {
  void sleep(Duration d) throws InterruptedException;

  Sleep REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));
}
