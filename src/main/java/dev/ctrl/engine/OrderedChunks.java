package dev.ctrl.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Maps the items of many work lists on a pool of threads and hands the results to the calling
 * thread in order (list by list, item by item), a chunk at a time while each list is still
 * being worked on.
 *
 * <p>Why chunks: a list's results used to wait until the whole list was done, with several
 * lists ahead. At 1,000,000 targets a (deployment, environment) group is 10,000 decisions, and
 * eight groups of them waiting outlived every young collection: the collector promoted them,
 * the old generation grew by a gigabyte of dead decisions, and each young collection scanned
 * it. Handed over in chunks, results die young.
 */
final class OrderedChunks {
  static final int CHUNK = 256;
  /** Chunks a list may have waiting before its worker waits for the caller. */
  private static final int WAITING_CHUNKS = 8;

  private OrderedChunks() {}

  /** The work of one list: map each item; `begin` makes per-list state shared by its items. */
  interface ListWork<S, I, T> {
    S begin(List<I> list);

    T apply(S state, I item);
  }

  static <S, I, T> void run(List<List<I>> lists, int threads, ListWork<S, I, T> work, Consumer<T> sink) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread th = new Thread(r, "ctrl-engine");
      th.setDaemon(true);
      return th;
    });
    // Lists run in submission order on a FIFO pool, and the caller drains them in that order: the
    // list being drained always has a running worker, so a worker blocked on a full queue of a
    // later list never holds the caller up.
    int window = threads * 2;
    ArrayDeque<Running<T>> inFlight = new ArrayDeque<>();
    try {
      int next = 0;
      while (next < lists.size() || !inFlight.isEmpty()) {
        while (next < lists.size() && inFlight.size() < window) {
          List<I> list = lists.get(next++);
          Running<T> running = new Running<>();
          running.future = pool.submit(() -> {
            try {
              S state = work.begin(list);
              for (int from = 0; from < list.size(); from += CHUNK) {
                List<I> part = list.subList(from, Math.min(list.size(), from + CHUNK));
                List<T> out = new ArrayList<>(part.size());
                for (I item : part) {
                  out.add(work.apply(state, item));
                }
                running.chunks.put(out);
              }
              running.chunks.put(END);
            } catch (Throwable failed) {
              // Failed, or told to stop (interrupted while the queue was full): what is queued
              // no longer matters, and END must get in without waiting, or the caller (or this
              // thread) would wait for good. Only this thread puts into the queue.
              running.chunks.clear();
              running.chunks.offer(END);
              throw failed;
            }
            return null;
          });
          inFlight.add(running);
        }
        Running<T> head = inFlight.poll();
        for (List<T> chunk = next(head); chunk != END; chunk = next(head)) {
          chunk.forEach(sink);
        }
        head.future.get(); // rethrows what the worker threw
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deciding", e);
    } catch (ExecutionException e) {
      throw dev.ctrl.concurrent.Background.unchecked(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The list's next chunk, or END. A worker always queues END, even when it fails; should even
   * that fail (out of memory), its finished future ends the wait instead of a hang.
   */
  private static <T> List<T> next(Running<T> running) throws InterruptedException {
    while (true) {
      List<T> chunk = running.chunks.poll(1, TimeUnit.SECONDS);
      if (chunk != null) {
        return chunk;
      }
      if (running.future.isDone() && running.chunks.isEmpty()) {
        return endMarker();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> endMarker() {
    return END;
  }

  @SuppressWarnings("rawtypes")
  private static final List END = new ArrayList<>(0);

  private static final class Running<T> {
    final BlockingQueue<List<T>> chunks = new ArrayBlockingQueue<>(WAITING_CHUNKS + 1);
    Future<Object> future;
  }
}
