package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.engine.JobFact;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's facts read with the jobs in slices on sibling connections: the same facts as one read. */
class ParallelFactsTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  @TempDir Path dir;

  /** The base example's state with version v1 of api, opened as a store. */
  private JooqStore stateWithV1() {
    CliRunner cli = TestFiles.withBase(dir);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    return new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  @Test
  void everyJobIsReadOnceWhateverTheSlicing() {
    try (JooqStore store = stateWithV1()) {
      Version v1 = store.version("api", "v1").orElseThrow();
      List<Long> targets = store.targets(null, null).stream().map(t -> t.id()).toList();
      for (int i = 0; i < 7; i++) {
        String id = "job-" + i;
        long target = targets.get(i % targets.size());
        store.write("loop", T0.plusSeconds(i), tx -> tx.createJob(id, target, v1, "{}", "local", "deploy", 1));
        if (i % 2 == 0) {
          store.write("loop", T0.plusSeconds(60 + i), tx -> tx.updateJob(id, JobStatus.SUCCESSFUL, "done", Map.of()));
        }
      }
      StoreReader.Facts one = ParallelFacts.read(store.database(), store.queries().ctx(), Long.MAX_VALUE, 1, () -> { });
      assertThat(one.jobs()).hasSize(7);
      for (int slices : new int[] {1, 2, 3, 7, 12}) {
        StoreReader.Facts sliced = ParallelFacts.read(store.database(), store.queries().ctx(), 1, slices, () -> { });
        assertThat(sorted(sliced.jobs())).as("%d slices", slices).isEqualTo(sorted(one.jobs()));
        assertThat(sliced.targets()).isEqualTo(one.targets());
        assertThat(sliced.approvals()).isEqualTo(one.approvals());
      }
      // what the caller does meanwhile runs once, in both ways of reading
      for (long from : new long[] {1, Long.MAX_VALUE}) {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        StoreReader.Facts f = ParallelFacts.read(store.database(), store.queries().ctx(), from, 2,
            () -> ran.incrementAndGet());
        assertThat(ran).hasValue(1);
        assertThat(f.jobs()).hasSize(7);
      }
      JobFact done = sorted(one.jobs()).get(0);
      assertThat(done.status()).isEqualTo("successful");
      assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(done.versionId()).isEqualTo(v1.id());
    }
  }

  @Test
  void insideAWriteTransactionTheJobsComeFromThatTransaction() {
    try (JooqStore store = stateWithV1()) {
      Version v1 = store.version("api", "v1").orElseThrow();
      long target = store.targets(null, null).get(0).id();
      int seen = store.write("loop", T0, tx -> {
        tx.createJob("job-uncommitted", target, v1, "{}", "local", "deploy", 1);
        // a sibling connection would not see the job this transaction has not committed yet
        return ParallelFacts.read(store.database(), store.queries().ctx(), 1, 2, () -> { }).jobs().size();
      });
      assertThat(seen).isEqualTo(1);
    }
  }

  private static List<JobFact> sorted(List<JobFact> jobs) {
    return jobs.stream().sorted(Comparator.comparing(JobFact::id)).toList();
  }
}
