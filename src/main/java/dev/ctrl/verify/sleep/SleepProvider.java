package dev.ctrl.verify.sleep;

import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.time.Duration;
import java.util.Map;

/** A pause as a metric: `result.ok` is true once it has passed (a soak without a signal). */
public final class SleepProvider implements MetricProvider {
  /** How the provider waits; tests pass one that returns at once. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Duration duration;
  private final Sleeper sleeper;

  public SleepProvider(Duration duration, Sleeper sleeper) {
    this.duration = duration;
    this.sleeper = sleeper;
  }

  @Override
  public Result measure() throws ProviderException {
    try {
      sleeper.sleep(duration);
      return Result.of(Map.of("ok", true));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("interrupted during the pause", e);
    }
  }
}
