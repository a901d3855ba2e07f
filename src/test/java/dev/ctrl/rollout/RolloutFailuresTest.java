package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.engine.JobFact;
import dev.ctrl.json.JsonText;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How `ctrl rollout` handles jobs that fail: retries with backoff, timeouts, a command that does
 * not exist, secrets that must never be stored or printed, and the manual commands (rollback,
 * redeploy, --once, deadlines). One environment, one resource, the exec agent for real.
 */
class RolloutFailuresTest {
  @TempDir Path dir;
  CliRunner cli;

  void setUp(String agentExec, String extraPolicy) {
    cli = new CliRunner(dir).clock(Clock.systemUTC());
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", TestFiles.shop("api", "local") + """
        type: JobAgent
        name: local
        exec:
        %s
        ---
        type: Resource
        identifier: eu
        name: eu
        kind: Server
        version: v1
        """.formatted(agentExec.indent(2).stripTrailing()) + extraPolicy);
    cli.ok("apply", "-f", "ctrl.yaml");
  }

  List<JobFact> jobs() {
    try (JooqStore store = new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false))) {
      List<JobFact> jobs = new ArrayList<>(store.facts().jobs());
      jobs.sort(Comparator.comparing(JobFact::createdAt));
      return jobs;
    }
  }

  @Test
  void failedJobsAreRetriedWithBackoffUntilOneSucceeds() throws Exception {
    // fails on the first two runs, succeeds on the third
    setUp("""
        command: ["sh", "-c", 'n=$(cat runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > runs; [ $n -ge 3 ] || { echo "flaky $n"; exit 1; }']
        """, """
        ---
        type: Policy
        name: retries
        selector: "true"
        rules:
          - retry: {maxRetries: 3, backoff: 1s, strategy: exponential}
        """);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0); // it recovered: nothing failed for good
    List<JobFact> jobs = jobs();
    assertThat(jobs).extracting(JobFact::status).containsExactly("failure", "failure", "successful");
    // backoff 1s after the first failure, 2s after the second (exponential)
    assertThat(Duration.between(jobs.get(0).completedAt(), jobs.get(1).createdAt())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(1));
    assertThat(Duration.between(jobs.get(1).completedAt(), jobs.get(2).createdAt())).isGreaterThanOrEqualTo(
        Duration.ofSeconds(2));
    assertThat(r.out()).contains("flaky 1").contains("(attempt 3)");
  }

  @Test
  void aJobThatRunsTooLongIsStoppedFailedAndItsVersionBlocked() {
    setUp("""
        command: ["sleep", "30"]
        timeout: 1s
        """, "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    long start = System.nanoTime();
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("failure"));
    assertThat(r.out()).contains("timed out after 1s");
    assertThat(r.err()).contains("failed: deploy failed on api/production/eu");
  }

  @Test
  void aCommandThatDoesNotExistIsAnInvalidJobAgentWithAClearMessage() {
    setUp("""
        command: ["no-such-deploy-tool", "--now"]
        """, "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("invalid_job_agent"));
    assertThat(r.out()).contains("invalid_job_agent").contains("the command could not be run")
        .contains("no-such-deploy-tool");
  }

  @Test
  void aFailingCommandThatPrintsItsSecretLeavesItOutOfTheJobsMessageAndTheStateFile() throws Exception {
    String secret = "s3cr3t-" + System.nanoTime();
    setUp("""
        command: ["sh", "-c", 'echo "login failed for $TOKEN"; exit 3']
        env:
          TOKEN: ${env:DEPLOY_TOKEN}
        """, "");
    cli.env("DEPLOY_TOKEN", secret);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("login failed for ***").doesNotContain(secret);
    assertThat(cli.ok("get", "jobs", "-o", "json").out()).contains("exited with status 3: login failed for ***")
        .doesNotContain(secret);
    TestFiles.assertStateFileHoldsNone(dir, secret); // the job's own output under .ctrl/jobs has it
  }

  @Test
  void aSecretIsResolvedForTheJobButNeverStoredOrPrinted() throws Exception {
    String secret = "s3cr3t-" + System.nanoTime();
    setUp("""
        command: ["sh", "-c", 'printf %s "$TOKEN" > token.out; echo deployed']
        env:
          TOKEN: ${env:DEPLOY_TOKEN}
        """, "");
    cli.env("DEPLOY_TOKEN", secret);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    List<CliRunner.Result> outputs = new ArrayList<>();
    outputs.add(cli.run("rollout", "--timeout", "1m"));
    assertThat(outputs.get(0).exitCode()).as(outputs.get(0).toString()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("token.out"))).isEqualTo(secret); // the job got it
    outputs.add(cli.run("rollout", "-o", "json", "-v"));
    outputs.add(cli.run("get", "targets", "-o", "json"));
    outputs.add(cli.run("history", "-o", "json"));
    outputs.add(cli.run("plan", "-o", "json"));
    for (CliRunner.Result r : outputs) {
      assertThat(r.out() + r.err()).doesNotContain(secret);
    }
    TestFiles.assertStateHoldsNone(dir, secret);
    // a missing secret fails the job with a message that names the reference, not a value
    cli.env("DEPLOY_TOKEN", null);
    CliRunner missing = new CliRunner(dir).clock(Clock.systemUTC());
    missing.ok("version", "create", "--deployment", "api", "--tag", "v2");
    CliRunner.Result r = missing.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("${env:DEPLOY_TOKEN}: the environment variable DEPLOY_TOKEN is not set");
  }

  @Test
  void onceRunsOneTickAndTheDeadlineEndsAWaitWithExitFour() {
    setUp("""
        command: ["sh", "-c", "sleep 3"]
        """, "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result once = cli.run("rollout", "--once");
    assertThat(once.exitCode()).as(once.toString()).isEqualTo(3); // dispatched: work remains
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.inFlight()).isTrue());
    CliRunner.Result deadline = cli.run("rollout", "--timeout", "1s");
    assertThat(deadline.exitCode()).as(deadline.toString()).isEqualTo(4);
    assertThat(deadline.err()).contains("deadline passed");
    CliRunner.Result done = cli.run("rollout", "--timeout", "1m");
    assertThat(done.exitCode()).as(done.toString()).isEqualTo(0);
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("successful"));
    CliRunner.Result converged = cli.run("rollout", "--once");
    assertThat(converged.exitCode()).isEqualTo(0);
  }

  @Test
  void rollbackByHandReturnsToTheLastGoodVersionAndRedeployForcesANewJob() throws Exception {
    setUp("""
        command: ["sh", "-c", 'echo "$CTRL_VERSION" > running']
        """, "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(cli.run("rollout").exitCode()).isEqualTo(0);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v2");
    assertThat(cli.run("rollout").exitCode()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("running")).trim()).isEqualTo("v2");

    CliRunner.Result r = cli.run("rollback", "--deployment", "api", "--environment", "production", "--reason",
        "error rate");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.err()).contains("blocked v2 of api in production");
    assertThat(Files.readString(dir.resolve("running")).trim()).isEqualTo("v1");
    assertThat(jobs().get(jobs().size() - 1).kind()).isEqualTo("rollback");
    assertThat(cli.ok("history", "-o", "json").out()).contains("rolled back by tester: error rate");

    CliRunner.Result nothing = cli.run("rollback", "--deployment", "api", "--environment", "nowhere");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err()).contains("nowhere");

    Files.writeString(dir.resolve("running"), "gone");
    CliRunner.Result redeploy = cli.run("redeploy", "api/production/eu");
    assertThat(redeploy.exitCode()).as(redeploy.toString()).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("running")).trim()).isEqualTo("v1");
    assertThat(jobs()).hasSize(4);
    assertThat(cli.run("redeploy", "api/production/nowhere").exitCode()).isEqualTo(2);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> array(String json) {
    return (List<Map<String, Object>>) JsonText.parse(json);
  }

  @Test
  void jobCancelStopsTheCommandAndTheTargetWaitsForAPerson() throws Exception {
    setUp("""
        command: ["sh", "-c", "sleep 30; touch finished"]
        """, "");
    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    assertThat(cli.run("rollout", "--once").exitCode()).isEqualTo(3);
    String id = (String) array(cli.ok("get", "jobs", "-o", "json").out()).get(0).get("id");
    CliRunner.Result cancel = cli.run("job", "cancel", id);
    assertThat(cancel.exitCode()).as(cancel.toString()).isEqualTo(0);
    assertThat(cancel.out()).contains("job " + id + " cancelled");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3); // a cancelled job blocks nothing: a person decides
    assertThat(jobs()).singleElement().satisfies(j -> assertThat(j.status()).isEqualTo("cancelled"));
    CliRunner.Result again = cli.run("job", "cancel", id);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already ended cancelled");
    Thread.sleep(500);
    assertThat(dir.resolve("finished")).doesNotExist();
  }
}
