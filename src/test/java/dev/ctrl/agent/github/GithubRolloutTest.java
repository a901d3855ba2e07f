package dev.ctrl.agent.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ctrl rollout` with a github agent against the GitHub fake, end to end through the CLI: version
 * create, rollout, and the job's end (successful, failure, cancelled on GitHub or with `ctrl job
 * cancel`), rate limits and server errors waited out, an old GitHub Enterprise Server, a wrong
 * token, and `ctrl agent check`. The token is never stored nor printed.
 */
class GithubRolloutTest {

  @TempDir Path dir;
  FakeGithub github;
  MockWebServer server;
  CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    github = new FakeGithub(Clock.systemUTC());
    server = github.serveStorefront(5);
    cli = new CliRunner(dir).clock(Clock.systemUTC()).env("GITHUB_TOKEN", FakeGithub.TOKEN);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", TestFiles.shop("storefront", "github-storefront") + """
        type: JobAgent
        name: github-storefront
        github:
          owner: acme
          repo: storefront
          workflow: deploy.yml
          ref: main
          inputs:
            version: "{{ version.tag }}"
            environment: "{{ environment.name }}"
            cluster: "{{ resource.name }}"
            region: "{{ resource.metadata.region }}"
          token: ${env:GITHUB_TOKEN}
          apiUrl: %s
          pollInterval: 100ms
        ---
        type: Resource
        identifier: eu-1
        name: eu-1
        kind: KubernetesCluster
        version: v1
        metadata: {region: eu-west-1}
        ---
        type: Resource
        identifier: us-1
        name: us-1
        kind: KubernetesCluster
        version: v1
        metadata: {region: us-east-1}
        """.formatted(server.url("/")));
    cli.ok("apply", "-f", "ctrl.yaml");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The jobs as `ctrl get jobs -o json` shows them, by target resource. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> jobs() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (Object o : (List<Object>) JsonText.parse(cli.ok("get", "jobs", "-o", "json").out())) {
      Map<String, Object> j = (Map<String, Object>) o;
      out.put(String.valueOf(j.get("target")), j);
    }
    return out;
  }

  CliRunner.Result rollout(String tag) {
    cli.ok("version", "create", "--deployment", "storefront", "--tag", tag);
    return cli.run("rollout", "--timeout", "1m");
  }

  void assertNoSecretLeaked(CliRunner.Result... results) throws IOException {
    for (CliRunner.Result r : results) {
      assertThat(r.out() + r.err()).doesNotContain(FakeGithub.TOKEN);
    }
    TestFiles.assertStateHoldsNone(dir, FakeGithub.TOKEN);
  }

  @Test
  void aVersionIsDeployedByOneWorkflowRunPerTargetCarryingTheJobId() throws IOException {
    CliRunner.Result r = rollout("v1.4.2");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, Map<String, Object>> jobs = jobs();
    assertThat(jobs.keySet()).containsExactly("storefront/production/eu-1", "storefront/production/us-1");
    assertThat(jobs.values()).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("successful"));
    assertThat(github.dispatches()).isEqualTo(2);
    for (Map<String, Object> j : jobs.values()) {
      FakeGithub.Run run = github.run((String) j.get("id"));
      assertThat(run).as("the run of job %s", j.get("id")).isNotNull();
      assertThat(run.inputs).containsEntry("version", "v1.4.2").containsEntry("environment", "production")
          .containsEntry("cluster", String.valueOf(j.get("target")).substring("storefront/production/".length()));
      String described = cli.ok("describe", "job", (String) j.get("id")).out();
      assertThat(described).contains("https://github.example/acme/storefront/actions/runs/" + run.id);
    }
    assertThat(cli.ok("get", "targets", "-o", "json").out()).contains("v1.4.2");
    assertNoSecretLeaked(r);
  }

  @Test
  void aFailedRunFailsItsJobAndACancelledRunCancelsIt() {
    github.conclusion = inputs -> inputs.get("cluster").equals("us-1") ? "failure" : "cancelled";
    CliRunner.Result r = rollout("v2");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    Map<String, Map<String, Object>> jobs = jobs();
    assertThat(jobs.get("storefront/production/us-1").get("status")).isEqualTo("failure");
    assertThat(jobs.get("storefront/production/eu-1").get("status")).isEqualTo("cancelled");
    assertThat(r.out() + r.err()).contains("completed: failure");
    assertThat(github.dispatches()).isEqualTo(2);
  }

  @Test
  void rateLimitsAndServerErrorsAreWaitedOutAndTheRolloutSucceeds() {
    github.fault("POST dispatches", github.secondaryRateLimit(429, 1));
    github.fault("GET run", github.primaryRateLimit(1), github.secondaryRateLimit(403, 1), FakeGithub.serverError(502),
        FakeGithub.serverError(500));
    CliRunner.Result r = rollout("v1");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(jobs().values()).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("successful"));
    // the rate-limited dispatch was refused before GitHub acted: sent again, one run per job
    assertThat(github.dispatches()).isEqualTo(3);
    assertThat(github.runs.stream().filter(run -> run.event.equals("workflow_dispatch")
        && run.inputs.get("job_id").length() > 30 && !run.inputs.get("job_id").startsWith("0b5e55ed"))).hasSize(2);
    assertThat(r.out() + r.err()).doesNotContainIgnoringCase("forbidden");
  }

  @Test
  void aDispatchAnsweredWithA502AfterItsRunStartedIsFoundNotSentAgainEvenInARepositoryTheDeploymentChose()
      throws IOException {
    // the deployment sends its jobs to another repository than the agent document names
    github.workflow("acme", "storefront-next", "deploy.yml", FakeGithub.EXAMPLE_WORKFLOW);
    String yaml = Files.readString(dir.resolve("ctrl.yaml")).replace("agent: github-storefront",
        "agent: github-storefront\nagentConfig: {repo: storefront-next}");
    TestFiles.write(dir, "ctrl.yaml", yaml);
    cli.ok("apply", "-f", "ctrl.yaml");
    github.answerAfterNextRun = FakeGithub.serverError(502);
    CliRunner.Result r = rollout("v1");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("dispatch will be retried").contains("HTTP 502").contains("recovered after a restart");
    assertThat(github.dispatches()).isEqualTo(2);
    assertThat(github.requests("POST", "/dispatches")).allSatisfy(req -> assertThat(req.getUrl().encodedPath())
        .startsWith("/repos/acme/storefront-next/"));
    assertThat(jobs().values()).allSatisfy(j -> {
      assertThat(j.get("status")).isEqualTo("successful");
      assertThat(github.run((String) j.get("id")).repo).isEqualTo("storefront-next");
    });
  }

  @Test
  void anOldGitHubEnterpriseServerWithoutRunIdsStillDeploys() {
    github.mode = FakeGithub.Mode.GHES_OLD;
    github.hiddenForLists = 3;
    CliRunner.Result r = rollout("v1");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(jobs().values()).allSatisfy(j -> {
      assertThat(j.get("status")).isEqualTo("successful");
      assertThat(github.run((String) j.get("id"))).isNotNull();
    });
    // one refused with return_run_details, then one per job without it
    assertThat(github.requests("POST", "/dispatches")).extracting(req -> req.getBody().utf8().contains(
        "return_run_details")).containsExactly(true, false, false);
  }

  @Test
  void aWrongTokenEndsTheJobsAsInvalidIntegrationWithAClearErrorAndNoSecret() throws IOException {
    cli.env("GITHUB_TOKEN", "ghp_NotTheRightToken000000000000000");
    long start = System.nanoTime();
    CliRunner.Result r = rollout("v1");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    // the loop decides again as soon as the jobs ended at their dispatch (not at the deadline)
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
    assertThat(jobs().values()).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("invalid_integration"));
    assertThat(r.out() + r.err()).contains("agent github-storefront").contains("HTTP 401: Bad credentials")
        .contains("${env:GITHUB_TOKEN}").contains("Actions: write on acme/storefront")
        .doesNotContain("ghp_NotTheRightToken000000000000000");
    assertThat(github.runs).hasSize(5); // the decoys only
    assertNoSecretLeaked(r);
  }

  @Test
  void jobCancelCancelsTheRunOnGitHub() {
    github.path = List.of("queued", "in_progress");
    cli.ok("version", "create", "--deployment", "storefront", "--tag", "v1");
    CliRunner.Result once = cli.run("rollout", "--once");
    assertThat(once.exitCode()).as(once.toString()).isEqualTo(3);
    List<String> ids = new ArrayList<>();
    jobs().values().forEach(j -> ids.add((String) j.get("id")));
    for (String id : ids) {
      cli.ok("job", "cancel", id);
      assertThat(github.run(id).status()).isEqualTo("completed");
    }
    List<RecordedRequest> cancels = github.requests("POST", "/cancel");
    assertThat(cancels).hasSize(2);
    assertThat(jobs().values()).allSatisfy(j -> assertThat(j.get("status")).isEqualTo("cancelled"));
  }

  @Test
  void agentCheckReadsTheRepositoryAndWorkflowAndExplainsFailures() {
    CliRunner.Result ok = cli.run("agent", "check", "github-storefront");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("run-name").contains("job_id input").doesNotContain("FAILED");
    cli.env("GITHUB_TOKEN", "ghp_NotTheRightToken000000000000000");
    CliRunner.Result bad = cli.run("agent", "check", "github-storefront", "-o", "json");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out()).contains("Bad credentials").contains("${env:GITHUB_TOKEN}")
        .doesNotContain("ghp_NotTheRightToken000000000000000");
    assertThat(github.dispatches()).isZero();
  }
}
