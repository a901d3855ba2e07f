package dev.ctrl.agent.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ctrl rollout` with a terraformCloud agent against the fake API, in-process on the real clock:
 * version create, rollout, and the job's end (successful, failure, cancelled), with rate limits,
 * server errors and a wrong token on the way.
 */
class TerraformCloudRolloutTest {
  static final String API_KEY = "sensitive-api-key-value-7c1d";

  @TempDir Path dir;
  FakeTerraformCloud tfc;
  CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    tfc = new FakeTerraformCloud();
  }

  @AfterEach
  void stop() {
    tfc.close();
  }

  /** One deployment on one AWS account through agent `tfc`, with `more` added to its terraformCloud block. */
  static String config(String address, String token, String more) {
    return """
        type: System
        name: platform
        ---
        type: JobAgent
        name: tfc
        terraformCloud:
          address: %s
          organization: acme
          workspace: "network-{{ environment.name }}-{{ resource.name }}"
          token: %s
          configuration: terraform
          pollInterval: 100ms
        %s
        ---
        type: Environment
        name: production
        systems: [platform]
        resourceSelector: "true"
        ---
        type: Deployment
        name: network
        systems: [platform]
        resourceSelector: "true"
        agent: tfc
        ---
        type: Resource
        identifier: aws/111111111111
        name: aws-eu
        kind: AwsAccount
        version: v1
        metadata: {region: eu-west-1}
        """.formatted(address, token, more.strip().indent(2).stripTrailing());
  }

  static final String VARIABLES = """
      variables:
        region: "{{ resource.metadata.region }}"
        image_tag: "{{ version.tag }}"
        api_key: {value: "${env:API_KEY}", sensitive: true}
      """;

  void setUp(String token, String more) {
    cli = new CliRunner(dir).clock(Clock.systemUTC()).env("TFC_TOKEN", token).env("API_KEY", API_KEY);
    cli.ok("init");
    TestFiles.write(dir, "terraform/main.tf", "variable \"region\" {}\nvariable \"image_tag\" {}\n");
    TestFiles.write(dir, "ctrl.yaml", config(tfc.address(), "${env:TFC_TOKEN}", more));
    cli.ok("apply", "-f", "ctrl.yaml");
    cli.ok("version", "create", "--deployment", "network", "--tag", "v1.4.2");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> onlyJob() {
    List<Object> jobs = (List<Object>) JsonText.parse(cli.ok("get", "jobs", "-o", "json").out());
    assertThat(jobs).hasSize(1);
    return (Map<String, Object>) jobs.get(0);
  }

  /** Nothing a user can read (the outputs, the state file) holds the token or a sensitive value. */
  void assertNoSecretIn(CliRunner.Result... results) throws IOException {
    for (CliRunner.Result r : results) {
      assertThat(r.out() + r.err()).doesNotContain(FakeTerraformCloud.TOKEN).doesNotContain(API_KEY);
    }
    TestFiles.assertStateHoldsNone(dir, FakeTerraformCloud.TOKEN, API_KEY);
  }

  @Test
  void aVersionIsAppliedThroughARunAndTheJobSucceedsWithItsLink() throws Exception {
    setUp(FakeTerraformCloud.TOKEN, VARIABLES);
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);

    Map<String, Object> job = onlyJob();
    assertThat(job).containsEntry("status", "successful");
    String run = (String) job.get("externalId");
    assertThat(run).startsWith("run-");
    assertThat(job.get("links")).isEqualTo(Map.of("run",
        tfc.address() + "/app/acme/workspaces/network-production-aws-eu/runs/" + run));
    FakeTerraformCloud.Workspace ws = tfc.workspaces.get("network-production-aws-eu");
    assertThat(FakeTerraformCloud.attr(ws.variable("image_tag"), "value")).isEqualTo("v1.4.2");
    assertThat(FakeTerraformCloud.attr(ws.variable("api_key"), "value")).isEqualTo(API_KEY);
    assertThat(tfc.runs.get(run).message).startsWith("ctrl job " + job.get("id") + ": deploy v1.4.2 to ");
    assertThat(tfc.runs.get(run).configurationVersion).isNotNull();
    assertThat(TerraformCloudAgentTest.entries(tfc.configurationVersions.get(tfc.runs.get(run).configurationVersion)
        .upload)).containsExactly("main.tf");
    assertThat(tfc.requests("POST /runs")).hasSize(1);
    assertThat(tfc.routes()).doesNotContain("GET /workspaces/{id}/runs");
    assertNoSecretIn(r);
  }

  @Test
  void anErroredRunFailsTheJobAndTheRollout() {
    setUp(FakeTerraformCloud.TOKEN, "");
    tfc.outcome = FakeTerraformCloud.Outcome.ERRORED;
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(onlyJob()).containsEntry("status", "failure");
    assertThat((String) onlyJob().get("message")).contains("errored");
  }

  @Test
  void aPlanWaitingForConfirmationWaitsOnAPersonAndJobCancelDiscardsIt() {
    setUp(FakeTerraformCloud.TOKEN, "autoApply: false");
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    Map<String, Object> job = onlyJob();
    assertThat(job).containsEntry("status", "action_required");
    assertThat((String) job.get("message")).contains("waits for confirmation");
    assertThat(job.get("links").toString()).contains("run=");
    String run = (String) job.get("externalId");

    cli.ok("job", "cancel", (String) job.get("id"));
    assertThat(onlyJob()).containsEntry("status", "cancelled");
    assertThat(tfc.runs.get(run).status).isEqualTo("discarded");
    assertThat(tfc.requests("POST /runs/{id}/actions/{action}")).singleElement()
        .satisfies(a -> assertThat(a.path()).endsWith("/actions/discard"));
  }

  @Test
  void rateLimitsAndServerErrorsOnPollsAreWaitedOutAndRetried() {
    setUp(FakeTerraformCloud.TOKEN, "");
    tfc.fault("GET /runs/{id}", FakeTerraformCloud.rateLimited(), FakeTerraformCloud.serverError(502),
        FakeTerraformCloud.rateLimited(), FakeTerraformCloud.serverError(503));
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(onlyJob()).containsEntry("status", "successful");
    // the 4 faults were answered, and the run was still followed to its end
    assertThat(tfc.requests("GET /runs/{id}")).hasSizeGreaterThanOrEqualTo(4 + 6);
    assertThat(tfc.requests("POST /runs")).hasSize(1);
  }

  @Test
  void aRunWhoseCreationAnswerWasLostIsFoundByItsMessageAndNotCreatedTwice() {
    setUp(FakeTerraformCloud.TOKEN, "");
    java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();
    tfc.afterRunCreated = () -> lost.getAndIncrement() == 0 ? FakeTerraformCloud.dropped() : null;
    long t0 = System.nanoTime();
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).as("recovered at the next poll, not at the deadline")
        .isLessThan(java.time.Duration.ofSeconds(30));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("dispatch will be retried").contains("recovered after a restart");
    assertThat(tfc.requests("POST /runs")).hasSize(1);
    assertThat(tfc.requests("GET /workspaces/{id}/runs")).hasSize(1);
    Map<String, Object> job = onlyJob();
    assertThat(job).containsEntry("status", "successful").containsEntry("externalId",
        tfc.runs.keySet().iterator().next());
  }

  @Test
  void aWrongTokenEndsTheJobWithAClearErrorNamingTheAgentAndTheFix() throws Exception {
    setUp("wrong-token-value-abcdef", "");
    long t0 = System.nanoTime();
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).as("ends at once, not at the deadline")
        .isLessThan(java.time.Duration.ofSeconds(30));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    Map<String, Object> job = onlyJob();
    assertThat(job).containsEntry("status", "invalid_integration");
    assertThat((String) job.get("message")).startsWith("agent tfc: Terraform Cloud rejected the token (HTTP 401")
        .contains("${env:TFC_TOKEN}");
    assertThat(r.out() + r.err()).contains("rejected the token").doesNotContain("wrong-token-value-abcdef");
    assertThat(tfc.runs).isEmpty();

    CliRunner.Result check = cli.run("agent", "check", "tfc");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.out()).contains("organization").contains("rejected the token")
        .doesNotContain("wrong-token-value-abcdef");
  }

  @Test
  void agentCheckReadsTheOrganizationAndTheConfiguration() {
    setUp(FakeTerraformCloud.TOKEN, VARIABLES);
    CliRunner.Result r = cli.run("agent", "check", "tfc", "-o", "json");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("organization acme is reachable").contains("uploaded with each run")
        .doesNotContain(API_KEY);
    assertThat(tfc.runs).isEmpty();
    assertThat(tfc.workspaces).as("a check creates nothing").isEmpty();
  }
}
