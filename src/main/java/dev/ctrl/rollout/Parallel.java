package dev.ctrl.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs the outside-world calls of one tick (dispatches, polls, measurements) on at most
 * --max-parallel threads. Results come back in input order; the store is written afterwards,
 * on the loop's thread, in one transaction.
 */
final class Parallel implements AutoCloseable {
  private final ExecutorService pool;

  Parallel(int threads) {
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "ctrl-rollout-worker");
      t.setDaemon(true);
      return t;
    });
  }

  <I, O> List<O> map(List<I> inputs, Function<I, O> work) {
    if (inputs.size() == 1) {
      return List.of(work.apply(inputs.get(0)));
    }
    List<Future<O>> futures = new ArrayList<>(inputs.size());
    for (I in : inputs) {
      futures.add(pool.submit(() -> work.apply(in)));
    }
    List<O> out = new ArrayList<>(inputs.size());
    boolean interrupted = false;
    for (Future<O> f : futures) {
      // wait for every call even when interrupted: their outcomes must be recorded
      while (true) {
        try {
          out.add(f.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw dev.ctrl.concurrent.Background.unchecked(e);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
