package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.json.JsonText;
import dev.ctrl.store.Database;
import dev.ctrl.store.EventRow;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.StoreReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ctrl rollout` end to end, in-process, with the exec agent running real commands in a temp
 * directory: two environments x three resources, progression, gradual rollout, verification and
 * automatic rollback (issue 4, first two test bullets).
 */
class RolloutEndToEndTest {
  static final String CONFIG = TwoEnvironments.config("""
      # records each dispatch, then "deploys" by writing the version next to the state
      command: ["sh", "-c", 'echo "$CTRL_JOB_ID $CTRL_TARGET $CTRL_VERSION" >> dispatched.log; echo "$CTRL_VERSION" > "on-$CTRL_ENVIRONMENT-$CTRL_RESOURCE_NAME"']
      """, """
      ---
      type: Policy
      name: production-after-staging
      selector: environment.name == "production"
      rules:
        - environmentProgression: {dependsOn: environment.name == "staging"}
        - gradualRollout: {interval: 1s, order: resource.name}
      ---
      type: Policy
      name: health
      selector: "true"
      rules:
        - verification:
            metrics:
              - name: healthy
                # a file bad-<version>-<resource> makes the check fail there
                exec: {command: ["sh", "-c", 'test ! -f "bad-$CTRL_VERSION-$CTRL_RESOURCE_NAME"']}
                interval: 1s
                count: 1
            """, "s", "p");

  @TempDir Path dir;
  CliRunner cli;

  @BeforeEach
  void init() {
    cli = new CliRunner(dir).clock(Clock.systemUTC());
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", CONFIG);
    cli.ok("apply", "-f", "ctrl.yaml");
  }

  @Test
  void rollsAVersionThroughBothEnvironmentsInTheOrderThePoliciesAllow() throws Exception {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result r = cli.run("rollout", "--timeout", "2m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.err()).contains("converged: 6 of 6 targets");
    assertThat(current()).containsOnlyKeys("api/staging/s1", "api/staging/s2", "api/staging/s3",
        "api/production/p1", "api/production/p2", "api/production/p3").allSatisfy((k, v) -> assertThat(v).isEqualTo("v1"));
    for (String f : List.of("on-staging-s1", "on-production-p3")) {
      assertThat(Files.readString(dir.resolve(f)).trim()).isEqualTo("v1");
    }
    try (JooqStore store = store()) {
      Map<String, JobFact> jobs = jobsByTarget(store);
      // production starts only after every staging target was deployed and verified
      var lastStagingVerified = jobs.entrySet().stream().filter(e -> e.getKey().contains("/staging/"))
          .map(e -> e.getValue().verifiedAt()).max(Comparator.naturalOrder()).orElseThrow();
      var production = jobs.entrySet().stream().filter(e -> e.getKey().contains("/production/"))
          .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
      assertThat(production).allSatisfy(j -> assertThat(j.createdAt()).isAfterOrEqualTo(lastStagingVerified));
      // one at a time, in resource-name order: position i opens 1 s x i after staging passed, and
      // only once the one before it was deployed and verified
      for (int i = 1; i < production.size(); i++) {
        assertThat(production.get(i).createdAt()).isAfterOrEqualTo(production.get(i - 1).verifiedAt())
            .isAfterOrEqualTo(lastStagingVerified.plus(Duration.ofSeconds(i)));
      }
      assertThat(store.facts().jobs()).allSatisfy(j -> {
        assertThat(j.status()).isEqualTo("successful");
        assertThat(j.verification()).isEqualTo("passed");
      });
    }
    assertThat(Files.readAllLines(dir.resolve("dispatched.log"))).hasSize(6);
    // get targets reads what the loop recorded: desired version, latest job, verification
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> targets = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("get", "targets", "-o", "json").out());
    assertThat(targets).hasSize(6).allSatisfy(t -> {
      assertThat(t).containsEntry("desiredVersion", "v1").containsEntry("verification", "passed");
      assertThat((Map<String, Object>) t.get("latestJob")).containsEntry("status", "successful")
          .containsEntry("kind", "deploy");
    });
    // a second run has nothing to do
    CliRunner.Result again = cli.run("rollout");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(0);
    assertThat(Files.readAllLines(dir.resolve("dispatched.log"))).hasSize(6);
  }

  @Test
  void aVersionFailingVerificationOnTheSecondProductionTargetIsBlockedAndRolledBack() throws Exception {
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(cli.run("rollout", "--timeout", "2m").exitCode()).isEqualTo(0);
    Files.writeString(dir.resolve("bad-v2-p2"), "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v2");
    CliRunner.Result r = cli.run("rollout", "--timeout", "2m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("verification failed on api/production/p2");
    Map<String, String> current = current();
    assertThat(current).containsEntry("api/staging/s1", "v2").containsEntry("api/staging/s3", "v2")
        .containsEntry("api/production/p1", "v1").containsEntry("api/production/p2", "v1")
        .containsEntry("api/production/p3", "v1");
    try (JooqStore store = store()) {
      Map<String, List<JobFact>> byTarget = allJobs(store);
      // p1 and p2 ran v2 and were rolled back; p3 never got it
      assertThat(byTarget.get("api/production/p1")).extracting(JobFact::kind).containsExactly("deploy", "deploy",
          "rollback");
      assertThat(byTarget.get("api/production/p2")).extracting(JobFact::kind).containsExactly("deploy", "deploy",
          "rollback");
      assertThat(byTarget.get("api/production/p3")).extracting(JobFact::kind).containsExactly("deploy");
      assertThat(store.facts().blocks()).singleElement().satisfies(b -> {
        assertThat(b.environment()).isEqualTo("production");
        assertThat(b.reason()).contains("verification failed on api/production/p2");
      });
      List<EventRow> history = store.events("api", null, null, 1000);
      assertThat(history).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo("version.blocked");
        assertThat(e.detail()).contains("verification failed on api/production/p2");
      });
    }
    // the blocked version is not retried by the next run, which has nothing to do
    CliRunner.Result again = cli.run("rollout", "--timeout", "30s");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(0);
    // a person lifts the block after fixing the cause: v2 goes out again
    Files.delete(dir.resolve("bad-v2-p2"));
    cli.ok("version", "unblock", "--deployment", "api", "--tag", "v2", "--environment", "production");
    CliRunner.Result fixed = cli.run("rollout", "--timeout", "2m");
    assertThat(fixed.exitCode()).as(fixed.toString()).isEqualTo(0);
    assertThat(current()).allSatisfy((k, v) -> assertThat(v).isEqualTo("v2"));
  }

  @SuppressWarnings("unchecked")
  Map<String, String> current() {
    List<Map<String, Object>> targets = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("get", "targets", "-o", "json").out());
    Map<String, String> out = new HashMap<>();
    targets.forEach(t -> out.put((String) t.get("key"), (String) t.get("currentVersion")));
    return out;
  }

  JooqStore store() {
    return new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  static Map<String, List<JobFact>> allJobs(StoreReader store) {
    Map<Long, String> keys = store.facts().targets().stream()
        .collect(Collectors.toMap(TargetFact::id, t -> t.key().toString()));
    return store.facts().jobs().stream().sorted(Comparator.comparing(JobFact::createdAt))
        .collect(Collectors.groupingBy(j -> keys.get(j.targetId())));
  }

  static Map<String, JobFact> jobsByTarget(StoreReader store) {
    Map<String, JobFact> out = new HashMap<>();
    allJobs(store).forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
    return out;
  }
}
