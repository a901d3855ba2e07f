package dev.ctrl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedChunksTest {
  /** Maps n to "list:n", with a state made once per list. */
  private static final class Label implements OrderedChunks.ListWork<String, Integer, String> {
    final List<Integer> begun = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String begin(List<Integer> list) {
      begun.add(list.size());
      return "list" + list.size();
    }

    @Override
    public String apply(String state, Integer item) {
      if (item < 0) {
        throw new IllegalArgumentException("negative item " + item);
      }
      return state + ":" + item;
    }
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void resultsArriveInListOrderAcrossChunkBoundaries() {
    // lists longer than a chunk, shorter, empty, and more of them than the window holds
    List<List<Integer>> lists = new ArrayList<>();
    for (int n : new int[] {600, 1, 0, OrderedChunks.CHUNK + 1, 3000, 5, 7, 900, 2, 1}) {
      lists.add(range(n));
    }
    List<String> expected = new ArrayList<>();
    lists.forEach(l -> l.forEach(i -> expected.add("list" + l.size() + ":" + i)));

    for (int threads : new int[] {2, 3}) {
      Label work = new Label();
      List<String> got = new ArrayList<>();
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> OrderedChunks.run(lists, threads, work, got::add));
      assertThat(got).isEqualTo(expected);
      assertThat(work.begun).hasSize(lists.size());
    }
  }

  @Test
  void aFailureInAnyListReachesTheCallerInsteadOfHanging() {
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lists.add(range(2000));
    }
    List<Integer> bad = new ArrayList<>(range(2000));
    bad.set(1500, -1);
    lists.set(7, bad);
    List<String> got = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> OrderedChunks.run(lists, 2, new Label(), got::add))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("negative item -1"));
    // the lists before it were delivered whole and in order; of the failing list, at most the
    // chunks before the failing one (a failed worker drops what the caller has not taken yet)
    assertThat(got.size()).isBetween(7 * 2000, 7 * 2000 + 1500 / OrderedChunks.CHUNK * OrderedChunks.CHUNK);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i)).isEqualTo("list2000:" + (i % 2000));
    }
  }

  @Test
  void whenTheCallerGivesUpTheWorkersStopToo() throws InterruptedException {
    // the workers fill their queues and wait for a caller that has stopped taking
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lists.add(range(20_000));
    }
    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> OrderedChunks.run(lists, 3, new Label(), s -> {
          throw new IllegalStateException("the output is gone");
        })).hasMessage("the output is gone"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (workers() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(workers()).as("worker threads still alive").isZero();
  }

  private static long workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("ctrl-engine") && t.isAlive()).count();
  }
}
