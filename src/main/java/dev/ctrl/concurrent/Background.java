package dev.ctrl.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work on a daemon thread of its own, joined later: what it threw is thrown by
 * join() as it was (unchecked exceptions and errors), a checked one wrapped. For reads and
 * binding that overlap with the calling thread's work (`ctrl plan` loading its state).
 */
public final class Background<T> {
  private final FutureTask<T> task;
  private final String name;

  private Background(FutureTask<T> task, String name) {
    this.task = task;
    this.name = name;
  }

  public static <T> Background<T> start(String threadName, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.start();
    return new Background<>(task, threadName);
  }

  public T join() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    } catch (ExecutionException e) {
      throw unchecked(e);
    }
  }

  /** The cause of a failed task as an unchecked exception to throw; an Error is thrown as itself. */
  public static RuntimeException unchecked(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
  }
}
