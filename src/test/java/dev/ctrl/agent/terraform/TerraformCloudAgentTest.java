package dev.ctrl.agent.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctrl.TestFiles;
import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.PollResult;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.JobStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Terraform Cloud agent against a stateful fake of the API (FakeTerraformCloud): what it
 * sends, how it reads runs, and every failure a user would meet. Waits are recorded, not slept.
 */
class TerraformCloudAgentTest {
  static final String SECRET = "cf-api-token-value-9d8e7f";

  @TempDir Path dir;
  FakeTerraformCloud tfc;
  final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
  Map<String, String> env = new LinkedHashMap<>(Map.of("TFC_TOKEN", FakeTerraformCloud.TOKEN, "CF_TOKEN", SECRET));

  @BeforeEach
  void start() throws IOException {
    tfc = new FakeTerraformCloud();
  }

  @AfterEach
  void stop() {
    tfc.close();
  }

  Map<String, Object> agentConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("address", tfc.address());
    c.put("organization", "acme");
    c.put("workspace", "network-{{ environment.name }}-{{ resource.name }}");
    c.put("token", "${env:TFC_TOKEN}");
    c.put("vcsRepo", Map.of("identifier", "acme/platform-infra", "branch", "main", "oauthTokenId", "ot-AbCd1234"));
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("region", "{{ resource.metadata.region }}");
    vars.put("module_version", "{{ version.tag }}");
    vars.put("AWS_ROLE", Map.of("value", "arn:aws:iam::1111:role/deployer", "category", "env"));
    vars.put("cloudflare_api_token", Map.of("value", "${env:CF_TOKEN}", "sensitive", true));
    c.put("variables", vars);
    return c;
  }

  TerraformCloudAgent agent(Map<String, Object> config) {
    AgentSupport support = new AgentSupport(new TemplateRenderer(new CelExpressions()), new SecretResolver(env, dir),
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), slept::add, dir);
    return new TerraformCloudAgent("tfc", config, support,
        ApiClient.Settings.of("Terraform Cloud", RateLimitRule.RESET_SECONDS).withTimeout(Duration.ofMillis(500)));
  }

  static DispatchRequest request(String jobId, String tag, Map<String, Object> config) {
    Map<String, Object> vars = Map.of(
        "deployment", Map.of("name", "network"),
        "environment", Map.of("name", "prod"),
        "resource", Map.of("name", "aws-eu", "metadata", Map.of("region", "eu-west-1")),
        "version", Map.of("tag", tag),
        "job", Map.of("id", jobId, "kind", "deploy", "attempt", 1L));
    Map<String, String> env = Map.of("CTRL_JOB_ID", jobId, "CTRL_JOB_KIND", "deploy", "CTRL_VERSION", tag,
        "CTRL_TARGET", "network/prod/aws-eu", "CTRL_DEPLOYMENT", "network");
    return new DispatchRequest(jobId, List.of(), env, null, 0, config, vars);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(FakeTerraformCloud.Request r) {
    return (Map<String, Object>) JsonText.parseObject(r.body()).get("data");
  }

  @Test
  void dispatchCreatesTheWorkspaceAndItsVariablesThenARunWhoseMessageHoldsTheJobId() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    String ref = agent.dispatch(request("job-1111", "v1.4.2", agentConfig()));

    assertThat(ref).startsWith("run-");
    FakeTerraformCloud.Workspace ws = tfc.workspaces.get("network-prod-aws-eu");
    assertThat(ws).as("workspace created from the template").isNotNull();
    assertThat(ws.attributes).containsEntry("auto-apply", true)
        .containsEntry("vcs-repo", Map.of("identifier", "acme/platform-infra", "branch", "main",
            "oauth-token-id", "ot-AbCd1234"));
    assertThat(FakeTerraformCloud.attr(ws.variable("region"), "value")).isEqualTo("eu-west-1");
    assertThat(FakeTerraformCloud.attr(ws.variable("module_version"), "value")).isEqualTo("v1.4.2");
    assertThat(FakeTerraformCloud.attr(ws.variable("AWS_ROLE"), "category")).isEqualTo("env");
    assertThat(FakeTerraformCloud.attr(ws.variable("cloudflare_api_token"), "sensitive")).isEqualTo(true);
    assertThat(FakeTerraformCloud.attr(ws.variable("cloudflare_api_token"), "value")).isEqualTo(SECRET);

    FakeTerraformCloud.Run run = tfc.runs.get(ref);
    assertThat(run.message).isEqualTo("ctrl job job-1111: deploy v1.4.2 to network/prod/aws-eu");
    assertThat(run.autoApply).isTrue();
    // JSON:API on every write, the token on every call
    for (FakeTerraformCloud.Request r : tfc.requests) {
      assertThat(r.authorization()).isEqualTo("Bearer " + FakeTerraformCloud.TOKEN);
      if (!r.method().equals("GET")) {
        assertThat(r.contentType()).as(r.route()).startsWith("application/vnd.api+json");
      }
    }
    assertThat(tfc.requests("POST /runs")).hasSize(1);
    assertThat(body(tfc.requests("POST /runs").get(0))).containsEntry("type", "runs");
  }

  @Test
  void aSecondDispatchUsesTheWorkspaceAndPatchesOnlyWhatChangedButAlwaysTheSensitiveVariables() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    agent.dispatch(request("job-1", "v1", agentConfig()));
    int before = tfc.requests.size();
    agent.dispatch(request("job-2", "v2", agentConfig()));
    List<String> routes = tfc.routes().subList(before, tfc.routes().size());

    assertThat(routes).doesNotContain("POST /organizations/{org}/workspaces", "POST /workspaces/{id}/vars");
    List<String> patched = tfc.requests("PATCH /workspaces/{id}/vars/{var}").stream()
        .map(r -> (String) ((Map<?, ?>) body(r).get("attributes")).get("value")).toList();
    // module_version changed; the sensitive variable cannot be compared (it reads back null): always sent
    assertThat(patched).containsExactlyInAnyOrder("v2", SECRET);
    assertThat(tfc.runs).hasSize(2);
  }

  @Test
  void pollFollowsTheRunThroughItsStatusesWithItsLinkAndNeverListsRuns() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    String ref = agent.dispatch(request("job-1", "v1", agentConfig()));
    List<JobStatus> seen = new ArrayList<>();
    PollResult last;
    do {
      last = agent.poll(ref);
      seen.add(last.status());
    } while (!last.status().terminal() && seen.size() < 20);

    assertThat(seen).startsWith(JobStatus.IN_PROGRESS).endsWith(JobStatus.SUCCESSFUL).hasSize(6);
    assertThat(last.message()).isEqualTo("run " + ref + " applied");
    assertThat(last.links()).containsEntry("run",
        tfc.address() + "/app/acme/workspaces/network-prod-aws-eu/runs/" + ref);
    assertThat(tfc.requests("GET /runs/{id}")).hasSize(6);
    assertThat(tfc.routes()).doesNotContain("GET /workspaces/{id}/runs");
  }

  PollResult pollUntilSettled(TerraformCloudAgent agent, String ref) throws AgentException {
    PollResult r = agent.poll(ref);
    for (int i = 0; i < 20 && (r.status() == JobStatus.IN_PROGRESS || r.status() == JobStatus.PENDING); i++) {
      r = agent.poll(ref);
    }
    return r;
  }

  @Test
  void runStatusesMapToJobStatuses() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    tfc.outcome = FakeTerraformCloud.Outcome.NO_CHANGES;
    PollResult noChanges = pollUntilSettled(agent, agent.dispatch(request("j1", "v1", agentConfig())));
    assertThat(noChanges.status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(noChanges.message()).contains("no changes");

    tfc.outcome = FakeTerraformCloud.Outcome.ERRORED;
    assertThat(pollUntilSettled(agent, agent.dispatch(request("j2", "v1", agentConfig()))).status())
        .isEqualTo(JobStatus.FAILURE);

    tfc.outcome = FakeTerraformCloud.Outcome.POLICY_OVERRIDE;
    PollResult policy = pollUntilSettled(agent, agent.dispatch(request("j3", "v1", agentConfig())));
    assertThat(policy.status()).isEqualTo(JobStatus.ACTION_REQUIRED);
    assertThat(policy.message()).contains("override");

    Map<String, Object> manual = agentConfig();
    manual.put("autoApply", false);
    tfc.outcome = FakeTerraformCloud.Outcome.WAIT_FOR_CONFIRMATION;
    String ref = agent.dispatch(request("j4", "v1", manual));
    PollResult waiting = pollUntilSettled(agent, ref);
    assertThat(waiting.status()).isEqualTo(JobStatus.ACTION_REQUIRED);
    assertThat(waiting.message()).contains("waits for confirmation");
    assertThat(waiting.links()).containsKey("run");
    assertThat(agent.poll(ref).status()).as("stays waiting").isEqualTo(JobStatus.ACTION_REQUIRED);
    // someone discards the plan in Terraform Cloud
    agent.cancel(ref);
    assertThat(tfc.routes()).contains("POST /runs/{id}/actions/{action}");
    assertThat(tfc.requests.get(tfc.requests.size() - 1).path()).endsWith("/actions/discard");
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.FAILURE);
  }

  @Test
  void cancelStopsARunningRunAndLeavesAnEndedOneAlone() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    String ref = agent.dispatch(request("j1", "v1", agentConfig()));
    agent.poll(ref); // plan_queued: cancelable
    agent.cancel(ref);
    assertThat(tfc.runs.get(ref).status).isEqualTo("canceled");
    assertThat(tfc.requests.get(tfc.requests.size() - 1).path()).endsWith("/actions/cancel");
    // the run reads as failed (ctrl job cancel records the job cancelled itself and stops polling)
    PollResult r = agent.poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(r.message()).contains("was canceled in Terraform Cloud");

    int before = tfc.requests("POST /runs/{id}/actions/{action}").size();
    agent.cancel(ref); // already ended: nothing to do
    assertThat(tfc.requests("POST /runs/{id}/actions/{action}")).hasSize(before);
  }

  @Test
  void aWrongTokenIsAClearErrorNamingTheAgentAndTheFixWithoutTheToken() {
    env.put("TFC_TOKEN", "not-a-valid-token-123456");
    TerraformCloudAgent agent = agent(agentConfig());
    assertThatThrownBy(() -> agent.dispatch(request("j1", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).startsWith("agent tfc: Terraform Cloud rejected the token (HTTP 401")
              .contains("${env:TFC_TOKEN}").contains("team or user API token")
              .doesNotContain("not-a-valid-token-123456");
        });
    assertThat(tfc.runs).isEmpty();
  }

  @Test
  void aTokenWithoutAccessGets404WhichSaysNotFoundOrCannotSeeIt() {
    env.put("TFC_TOKEN", FakeTerraformCloud.FORBIDDEN_TOKEN);
    TerraformCloudAgent agent = agent(agentConfig());
    assertThatThrownBy(() -> agent.dispatch(request("j1", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).startsWith("agent tfc: ").contains("organization acme")
              .contains("not found or the token cannot see it");
        });
  }

  @Test
  void aRunTheTokenCannotSeeEndsTheJobAsNotFound() throws Exception {
    String ref = agent(agentConfig()).dispatch(request("j1", "v1", agentConfig()));
    env.put("TFC_TOKEN", FakeTerraformCloud.FORBIDDEN_TOKEN);
    PollResult r = agent(agentConfig()).poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.EXTERNAL_RUN_NOT_FOUND);
    assertThat(r.message()).isEqualTo("run " + ref + " was not found or the token cannot see it "
        + "(Terraform Cloud answers 404 to both)");
  }

  @Test
  void aRefusedRunOrAnErroredUploadEndsTheJobWithTerraformCloudsReason() throws Exception {
    tfc.fault("POST /runs", FakeTerraformCloud.error(422, "invalid attribute", "Workspace is locked"));
    assertThatThrownBy(() -> agent(agentConfig()).dispatch(request("j1", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).isEqualTo("agent tfc: creating a run in workspace network-prod-aws-eu: "
              + "Terraform Cloud answered HTTP 422: Workspace is locked");
        });

    TestFiles.write(dir, "infra/main.tf", "terraform {}\n");
    Map<String, Object> config = agentConfig();
    config.put("configuration", "infra");
    tfc.fault("GET /configuration-versions/{id}", FakeTerraformCloud.json(200, Map.of("data", Map.of("id", "cv-x",
        "type", "configuration-versions", "attributes", Map.of("status", "errored", "error-message",
            "unpacking failed")))));
    assertThatThrownBy(() -> agent(config).dispatch(request("j2", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("could not process the configuration uploaded from "
              + dir.resolve("infra")).endsWith(": unpacking failed");
        });
    assertThat(tfc.runs).isEmpty();
  }

  @Test
  void aWorkspaceNameTerraformCloudWouldRefuseIsAnErrorNamingTheField() {
    Map<String, Object> config = agentConfig();
    config.put("workspace", "{{ deployment.name }}/{{ environment.name }}");
    assertThatThrownBy(() -> agent(config).dispatch(request("j1", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).isEqualTo("agent tfc: workspace: \"network/prod\" is not a Terraform Cloud name "
              + "(1-90 letters, digits, - and _)");
        });
    config.put("workspace", "{{ resource.metadata.zone }}");
    assertThatThrownBy(() -> agent(config).dispatch(request("j1", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.getMessage())
            .startsWith("agent tfc: workspace: {{ resource.metadata.zone }}"));
    assertThat(tfc.requests).isEmpty();
  }

  @Test
  void aMissingWorkspaceIsNotCreatedWhenCreateWorkspaceIsFalse() {
    Map<String, Object> config = agentConfig();
    config.put("createWorkspace", false);
    TerraformCloudAgent agent = agent(config);
    assertThatThrownBy(() -> agent.dispatch(request("j1", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.getMessage())
            .contains("workspace network-prod-aws-eu in organization acme was not found or the token cannot see it")
            .contains("createWorkspace: true"));
    assertThat(tfc.workspaces).isEmpty();
  }

  @Test
  void rateLimitsAreWaitedOutForTheTimeXRateLimitResetSays() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    String ref = agent.dispatch(request("j1", "v1", agentConfig()));
    tfc.fault("GET /runs/{id}", FakeTerraformCloud.rateLimited(), FakeTerraformCloud.rateLimited());
    PollResult r = agent.poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    assertThat(tfc.requests("GET /runs/{id}")).hasSize(3);
  }

  @Test
  void serverErrorsOnPollsAreRetriedAndAnOutageIsRetryableLater() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    String ref = agent.dispatch(request("j1", "v1", agentConfig()));
    tfc.fault("GET /runs/{id}", FakeTerraformCloud.serverError(502), FakeTerraformCloud.serverError(503));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(slept).hasSize(2); // backoff between the attempts

    tfc.fault("GET /runs/{id}", FakeTerraformCloud.serverError(500), FakeTerraformCloud.serverError(500),
        FakeTerraformCloud.serverError(500));
    assertThatThrownBy(() -> agent.poll(ref)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).startsWith("agent tfc: ").contains("HTTP 500");
    });
    tfc.fault("GET /runs/{id}", FakeTerraformCloud.slow(2000), FakeTerraformCloud.slow(2000),
        FakeTerraformCloud.slow(2000));
    assertThatThrownBy(() -> agent.poll(ref)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("timed out");
    });
  }

  @Test
  void aRunWhoseCreationAnswerIsLostIsFoundByItsMessageAndNotCreatedAgain() throws Exception {
    TerraformCloudAgent agent = agent(agentConfig());
    agent.dispatch(request("job-decoy", "v0", agentConfig())); // another job's run in the same workspace
    // the connection drops before the request reaches Terraform Cloud: nothing was created
    tfc.fault("POST /runs", FakeTerraformCloud.dropped());
    assertThatThrownBy(() -> agent.dispatch(request("job-42", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(tfc.requests("POST /runs")).as("a run creation is never sent again by the client").hasSize(2);
    assertThat(agent.find(request("job-42", "v1", agentConfig()))).isEmpty();

    // the run is created but the answer is lost on the way back
    tfc.afterRunCreated = FakeTerraformCloud::dropped;
    assertThatThrownBy(() -> agent.dispatch(request("job-43", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.retryable()).isTrue());
    tfc.afterRunCreated = () -> null;
    assertThat(tfc.requests("POST /runs")).hasSize(3);
    Optional<String> found = agent.find(request("job-43", "v1", agentConfig()));
    assertThat(found).isPresent();
    assertThat(tfc.runs.get(found.get()).message).startsWith("ctrl job job-43:");
    assertThat(agent.find(request("job-4", "v1", agentConfig()))).as("a prefix of a job id is not that job").isEmpty();
    assertThat(tfc.requests("GET /workspaces/{id}/runs").get(0).path()).contains("page%5Bsize%5D=100");
  }

  @Test
  void theConfigurationDirectoryIsUploadedAsATarGzForEachRunAndTheRunWaitsForIt() throws Exception {
    TestFiles.write(dir, "infra/main.tf", "variable \"region\" {}\n");
    TestFiles.write(dir, "infra/modules/vpc/vpc.tf", "# vpc\n");
    TestFiles.write(dir, "infra/.terraform/providers/big.bin", "ignored");
    Map<String, Object> config = agentConfig();
    config.remove("vcsRepo");
    config.put("configuration", "infra");
    TerraformCloudAgent agent = agent(config);
    String ref = agent.dispatch(request("j1", "v1", config));

    FakeTerraformCloud.ConfigurationVersion cv = tfc.configurationVersions.values().iterator().next();
    assertThat(tfc.runs.get(ref).configurationVersion).isEqualTo(cv.id);
    assertThat(cv.status).isEqualTo("uploaded");
    assertThat(entries(cv.upload)).containsExactly("main.tf", "modules/vpc/vpc.tf");
    FakeTerraformCloud.Request put = tfc.requests("PUT /upload/{cv}").get(0);
    assertThat(put.authorization()).as("the upload URL is the secret; the token stays home").isNull();
    assertThat(put.contentType()).isEqualTo("application/octet-stream");
    assertThat(body(tfc.requests("POST /workspaces/{id}/configuration-versions").get(0)))
        .extracting(d -> ((Map<?, ?>) d.get("attributes")).get("auto-queue-runs")).isEqualTo(false);
    assertThat(slept).as("waited for the upload to be processed").containsExactly(Duration.ofMillis(250));
  }

  @Test
  void aFailedUploadNeverShowsTheUploadUrlAndLeavesNoRun() {
    TestFiles.write(dir, "infra/main.tf", "terraform {}\n");
    Map<String, Object> config = agentConfig();
    config.put("configuration", "infra");
    tfc.fault("PUT /upload/{cv}", FakeTerraformCloud.serverError(503), FakeTerraformCloud.serverError(503),
        FakeTerraformCloud.serverError(503));
    assertThatThrownBy(() -> agent(config).dispatch(request("j1", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).as("nothing was started: dispatching again later is safe").isTrue();
          assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("secret-upload-token");
        });
    assertThat(tfc.runs).isEmpty();
  }

  @Test
  void aMissingConfigurationDirectoryIsAClearError() {
    Map<String, Object> config = agentConfig();
    config.put("configuration", "nowhere");
    assertThatThrownBy(() -> agent(config).dispatch(request("j1", "v1", config)))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.getMessage())
            .contains("configuration: " + dir.resolve("nowhere")).contains("is not a directory"));
    assertThat(tfc.runs).isEmpty();
  }

  @Test
  void aVersionCannotUploadADirectoryOutsideTheProject() throws Exception {
    Map<String, Object> config = agentConfig();
    // a link under the project that leads out of it is outside too
    Path secrets = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-aws"));
    TestFiles.write(secrets, "credentials", "aws_secret_access_key = x\n");
    Files.createSymbolicLink(dir.resolve("keys"), secrets);
    for (String escape : List.of("../" + dir.getFileName() + "-other", "/etc", "infra/../../x", "keys")) {
      config.put("configuration", escape);
      assertThatThrownBy(() -> agent(config).dispatch(request("j1", "v1", config)))
          .isInstanceOfSatisfying(AgentException.class, e -> {
            assertThat(e.getMessage()).contains("configuration: " + escape + " is outside the project directory");
            assertThat(e.retryable()).isFalse();
          });
    }
    assertThat(tfc.routes()).as("nothing is written to Terraform Cloud, not even the variables").isEmpty();
  }

  @Test
  void aSensitiveValueNeverAppearsInAnError() {
    TerraformCloudAgent agent = agent(agentConfig());
    tfc.fault("POST /workspaces/{id}/vars", FakeTerraformCloud.error(422, "invalid attribute",
        "Value " + SECRET + " is too long"));
    assertThatThrownBy(() -> agent.dispatch(request("j1", "v1", agentConfig())))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.getMessage())
            .contains("HTTP 422").doesNotContain(SECRET).contains("***"));
  }

  @Test
  void checkReadsTheOrganizationAndTheWorkspacePermissions() {
    Map<String, Object> config = agentConfig();
    config.put("configuration", "infra");
    TestFiles.write(dir, "infra/main.tf", "terraform {}\n");
    List<AgentCheck> ok = agent(config).check();
    assertThat(ok).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue());
    assertThat(ok).extracting(AgentCheck::name).contains("organization", "workspace", "create workspaces",
        "configuration", "variables.cloudflare_api_token");

    // a fixed workspace whose permissions do not allow runs
    config.put("workspace", "shared-net");
    tfc.workspace("shared-net").canQueueRun = false;
    AgentCheck ws = agent(config).check().stream().filter(c -> c.name().equals("workspace")).findFirst().orElseThrow();
    assertThat(ws.ok()).isFalse();
    assertThat(ws.detail()).contains("cannot start runs in workspace shared-net").contains("organization tokens");

    env.put("TFC_TOKEN", "bad-token-value-0000");
    List<AgentCheck> bad = agent(config).check();
    assertThat(bad).extracting(AgentCheck::name).as("the API stops at the organization; local checks go on")
        .containsExactly("organization", "configuration", "variables.cloudflare_api_token");
    assertThat(bad.get(0).ok()).isFalse();
    assertThat(bad.get(0).detail()).contains("rejected the token (HTTP 401").doesNotContain("bad-token-value-0000");

    env.put("TFC_TOKEN", FakeTerraformCloud.FORBIDDEN_TOKEN);
    assertThat(agent(config).check().get(0).detail())
        .contains("organization acme was not found or the token cannot see it");

    env.remove("TFC_TOKEN");
    assertThat(agent(config).check()).singleElement().satisfies(c ->
        assertThat(c.detail()).contains("TFC_TOKEN is not set"));

    env.put("TFC_TOKEN", FakeTerraformCloud.TOKEN);
    env.remove("CF_TOKEN");
    config.put("workspace", "network-{{ environment.name }}");
    AgentCheck missing = agent(config).check().stream().filter(c -> c.name().equals("variables.cloudflare_api_token"))
        .findFirst().orElseThrow();
    assertThat(missing.ok()).isFalse();
    assertThat(missing.detail()).contains("${env:CF_TOKEN}").contains("CF_TOKEN is not set");
  }

  /** The file names in a .tar.gz, read back with the header layout tar uses. */
  static List<String> entries(byte[] tgz) throws IOException {
    List<String> out = new ArrayList<>();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
      while (true) {
        byte[] h = in.readNBytes(512);
        if (h.length < 512 || h[0] == 0) {
          return out;
        }
        String name = new String(h, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        String prefix = new String(h, 345, 155, StandardCharsets.UTF_8).replace("\0", "");
        long size = Long.parseLong(new String(h, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
        out.add(prefix.isEmpty() ? name : prefix + "/" + name);
        in.readNBytes((int) ((size + 511) / 512 * 512));
      }
    }
  }
}
