package dev.ctrl;

import dev.ctrl.model.JobStatus;
import dev.ctrl.model.Version;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.Store;
import dev.ctrl.store.StoreTx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Writes jobs and verifications the way the rollout loop does, straight through the store API. */
public final class JobFixture implements AutoCloseable {
  public final Store store;

  /** The state in dir/.ctrl/state.db (made by `ctrl init`). */
  public JobFixture(Path dir) {
    store = new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  public void write(Instant at, Consumer<StoreTx> work) {
    store.write("loop", at, tx -> {
      work.accept(tx);
      return null;
    });
  }

  /** Creates job `id` of version `tag` on the target at `at`, dispatched, then in `status` a minute later. */
  public void job(String id, String targetKey, String tag, JobStatus status, Instant at, String message) {
    long target = store.targets(null, null).stream().filter(t -> t.key().toString().equals(targetKey))
        .findFirst().orElseThrow().id();
    String deployment = targetKey.substring(0, targetKey.indexOf('/'));
    Version v = store.version(deployment, tag).orElseThrow();
    write(at, tx -> {
      tx.createJob(id, target, v, "{}", "local", "deploy", 1);
      tx.recordDispatch(id, id);
    });
    if (status != JobStatus.PENDING) {
      write(at.plusSeconds(60), tx -> tx.updateJob(id, status, message, Map.of()));
    }
  }

  /** Starts a verification of the job's metrics; returns the run's id. */
  public long verify(String jobId, Instant at, String... metrics) {
    return store.write("loop", at, tx -> tx.startVerification(jobId, "rollback", List.of(metrics)));
  }

  public void measure(long run, String jobId, Instant at, String metric, String verdict, String error) {
    write(at, tx -> tx.addMeasurement(run, jobId, metric, verdict, "{}", error));
  }

  public void finish(long run, String jobId, Instant at, String status, String message) {
    write(at, tx -> tx.finishVerification(run, jobId, status, message));
  }

  @Override
  public void close() {
    store.close();
  }
}
