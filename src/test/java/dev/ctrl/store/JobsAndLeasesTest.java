package dev.ctrl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash-safe job records and the leases the rollout loop builds on. */
class JobsAndLeasesTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  @TempDir Path dir;
  Store store;

  @BeforeEach
  void init() {
    CliRunner cli = TestFiles.withBase(dir);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    store = new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  long target(String key) {
    return store.targets(null, null).stream().filter(t -> t.key().toString().equals(key)).findFirst().orElseThrow().id();
  }

  @Test
  void aJobIsMarkedDispatchingUntilItsReferenceIsRecorded() {
    Version v1 = store.version("api", "v1").orElseThrow();
    long t = target("api/staging/k8s/staging");
    JobRecord job = store.write("loop", T0, tx -> tx.createJob("job-1", t, v1, "{}", "local", "deploy", 1));
    assertThat(job.dispatching()).isTrue();
    assertThat(job.status()).isEqualTo("pending");
    assertThat(job.targetKey()).isEqualTo("api/staging/k8s/staging");
    assertThat(job.tag()).isEqualTo("v1");
    // a crash here: the restarted loop finds the job to recover with the agent's find()
    assertThat(store.dispatchingJobs()).extracting(JobRecord::id).containsExactly("job-1");
    store.write("loop", T0, tx -> {
      tx.recordDispatch("job-1", "job-1");
      return null;
    });
    assertThat(store.dispatchingJobs()).isEmpty();
    assertThat(store.job("job-1").orElseThrow().externalId()).isEqualTo("job-1");
    // a second job of the same version and variables shares the release
    JobRecord again = store.write("loop", T0, tx -> tx.createJob("job-2", t, v1, "{}", "local", "deploy", 2));
    assertThat(again.releaseId()).isEqualTo(job.releaseId());
  }

  @Test
  void terminalStatusesNeverChangeAndTimesAreRecorded() {
    Version v1 = store.version("api", "v1").orElseThrow();
    long t = target("api/staging/k8s/staging");
    store.write("loop", T0, tx -> tx.createJob("job-1", t, v1, "{}", "local", "deploy", 1));
    Boolean started = store.write("loop", T0.plusSeconds(5),
        tx -> tx.updateJob("job-1", JobStatus.IN_PROGRESS, null, Map.of("run", "https://ci/runs/1")));
    Boolean succeeded = store.write("loop", T0.plusSeconds(65),
        tx -> tx.updateJob("job-1", JobStatus.SUCCESSFUL, "done", Map.of()));
    Boolean changedAfterEnd = store.write("loop", T0.plusSeconds(70),
        tx -> tx.updateJob("job-1", JobStatus.FAILURE, "late", Map.of()));
    assertThat(started).isTrue();
    assertThat(succeeded).isTrue();
    assertThat(changedAfterEnd).isFalse();
    JobRecord job = store.job("job-1").orElseThrow();
    assertThat(job.status()).isEqualTo("successful");
    assertThat(job.message()).isEqualTo("done");
    assertThat(job.startedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(job.completedAt()).isEqualTo(T0.plusSeconds(65));
    // the engine now sees v1 as the target's current version
    assertThat(store.targets("api", "staging").get(0).currentVersion()).isEqualTo("v1");
  }

  @Test
  void aLeaseIsExclusiveUntilItExpiresAndRenewableByItsHolder() {
    Duration ttl = Duration.ofSeconds(30);
    Lease a = store.write("a", T0, tx -> tx.acquireLease("deployment/api", "host-a:100", ttl));
    assertThat(a.holder()).isEqualTo("host-a:100");
    Lease refused = store.write("b", T0.plusSeconds(10), tx -> tx.acquireLease("deployment/api", "host-b:200", ttl));
    assertThat(refused.holder()).isEqualTo("host-a:100");
    assertThat(refused.expiresAt()).isEqualTo(T0.plusSeconds(30));
    Lease renewed = store.write("a", T0.plusSeconds(20), tx -> tx.acquireLease("deployment/api", "host-a:100", ttl));
    assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(50));
    assertThat(renewed.acquiredAt()).isEqualTo(T0);
    // the holder died: after expiry another loop takes over
    Lease taken = store.write("b", T0.plusSeconds(51), tx -> tx.acquireLease("deployment/api", "host-b:200", ttl));
    assertThat(taken.holder()).isEqualTo("host-b:200");
    store.write("b", T0.plusSeconds(52), tx -> {
      tx.releaseLease("deployment/api", "host-b:200");
      return null;
    });
    assertThat(store.write("c", T0.plusSeconds(53), tx -> tx.acquireLease("deployment/api", "host-c:3", ttl)).holder())
        .isEqualTo("host-c:3");
  }

  @Test
  void anUnexpiredLeaseIsTakenOverOnlyWhenItsHolderIsKnownToHaveEnded() {
    Duration ttl = Duration.ofSeconds(30);
    store.write("a", T0, tx -> tx.acquireLease("deployment/api", "host-a:100", ttl));
    // the holder is alive (or cannot be judged): refused, as before
    Lease refused = store.write("b", T0.plusSeconds(1),
        tx -> tx.acquireLease("deployment/api", "host-b:200", ttl, other -> false));
    assertThat(refused.holder()).isEqualTo("host-a:100");
    // its process has ended: taken at once, and the takeover names the previous holder
    Lease taken = store.write("b", T0.plusSeconds(2),
        tx -> tx.acquireLease("deployment/api", "host-b:200", ttl, other -> other.equals("host-a:100")));
    assertThat(taken.holder()).isEqualTo("host-b:200");
    assertThat(taken.expiresAt()).isEqualTo(T0.plusSeconds(32));
    EventRow event = store.events(null, null, null, 1).get(0);
    assertThat(event.kind()).isEqualTo("lease.acquired");
    assertThat(event.detail()).contains("\"previousHolder\":\"host-a:100\"")
        .contains("\"reason\":\"the previous holder's process has ended\"");
    // a holder is never judged ended by its own renewal
    Lease renewed = store.write("b", T0.plusSeconds(3),
        tx -> tx.acquireLease("deployment/api", "host-b:200", ttl, other -> true));
    assertThat(renewed.acquiredAt()).isEqualTo(T0.plusSeconds(2));
  }
}
