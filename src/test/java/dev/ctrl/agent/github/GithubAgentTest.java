package dev.ctrl.agent.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.ctrl.rollout.FakeClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions agent against the stateful fake: dispatch (200 and 204 paths, an old GitHub
 * Enterprise Server), polling through run states, cancel, find after a crash or an ambiguous
 * dispatch, rate limits, server errors and timeouts, refusals that say what to fix, and `check`.
 * Waits are recorded (and move the test clock), so nothing here sleeps for real.
 */
class GithubAgentTest {
  static final String JOB = "5d6f7a1e-1111-4000-8000-00000000abcd";

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(Instant.parse("2026-11-27T10:00:00Z"));
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  final Map<String, String> env = new HashMap<>(Map.of("GITHUB_TOKEN", FakeGithub.TOKEN));
  FakeGithub github;
  MockWebServer server;
  ApiClient.Settings settings = ApiClient.Settings.of("GitHub", RateLimitRule.GITHUB)
      .withMaxInlineWait(GithubAgent.MAX_INLINE_WAIT).withTimeout(Duration.ofSeconds(5));

  @BeforeEach
  void start() throws IOException {
    github = new FakeGithub(clock);
    server = github.serveStorefront(4);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<String, Object> agentConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("owner", "acme");
    c.put("repo", "storefront");
    c.put("workflow", "deploy.yml");
    c.put("ref", "main");
    c.put("inputs", new LinkedHashMap<>(Map.of("version", "{{ version.tag }}", "environment",
        "{{ environment.name }}", "cluster", "{{ resource.name }}", "region", "{{ resource.metadata.region }}")));
    c.put("token", "${env:GITHUB_TOKEN}");
    c.put("apiUrl", server.url("/").toString());
    return c;
  }

  GithubAgent agent() {
    return agent(agentConfig());
  }

  GithubAgent agent(Map<String, Object> config) {
    AgentSupport support = new AgentSupport(new TemplateRenderer(new CelExpressions()), new SecretResolver(env, dir),
        clock, d -> {
          sleeps.add(d);
          clock.advance(d);
        });
    return new GithubAgent("github-storefront", config, support, settings, GithubAgent.RUN_APPEARS_WITHIN);
  }

  DispatchRequest request(String jobId) {
    return request(jobId, agentConfig());
  }

  DispatchRequest request(String jobId, Map<String, Object> config) {
    Map<String, Object> vars = Map.of("version", Map.of("tag", "v1.4.2"), "environment", Map.of("name", "production"),
        "resource", Map.of("name", "eu-1", "metadata", Map.of("region", "eu-west-1")), "job", Map.of("id", jobId));
    return new DispatchRequest(jobId, List.of(), Map.of(), null, 0, config, vars);
  }

  /** Polls until the status is terminal, at most 10 times; returns every result. */
  List<PollResult> pollToEnd(GithubAgent agent, String ref) throws AgentException {
    List<PollResult> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      PollResult r = agent.poll(ref);
      out.add(r);
      if (r.status().terminal()) {
        break;
      }
    }
    return out;
  }

  @Test
  void dispatchSendsTheJobIdAndRenderedInputsAndPollsTheRunFromTheIdGitHubReturns() throws Exception {
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    assertThat(github.dispatches()).isEqualTo(1);
    RecordedRequest sent = github.requests("POST", "/dispatches").get(0);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/repos/acme/storefront/actions/workflows/deploy.yml/dispatches");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeGithub.TOKEN);
    assertThat(sent.getHeaders().get("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(sent.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(sent.getHeaders().get("User-Agent")).startsWith("ctrl/");
    assertThat(JsonText.parseObject(sent.getBody().utf8())).isEqualTo(Map.of("ref", "main", "return_run_details", true,
        "inputs", Map.of("job_id", JOB, "version", "v1.4.2", "environment", "production", "cluster", "eu-1",
            "region", "eu-west-1")));
    FakeGithub.Run run = github.run(JOB);
    assertThat(run.displayTitle).isEqualTo("deploy v1.4.2 to eu-1 (ctrl job " + JOB + ")");
    assertThat(ref).isEqualTo("github:run:acme/storefront/" + run.id);

    List<PollResult> polls = pollToEnd(agent, ref);
    assertThat(polls).extracting(PollResult::status)
        .containsExactly(JobStatus.PENDING, JobStatus.IN_PROGRESS, JobStatus.SUCCESSFUL);
    assertThat(polls.get(2).links()).containsEntry("run", "https://github.example/acme/storefront/actions/runs/" + run.id);
    assertThat(polls.get(2).message()).contains("run " + run.id).contains("completed: success");
    // the run was read by its id, never searched for
    assertThat(github.requests("GET", "/runs/" + run.id)).hasSize(3);
    assertThat(github.requests("GET", "/deploy.yml/runs")).isEmpty();
  }

  @Test
  void conclusionsAndWaitingStatesMapToJobStatuses() throws Exception {
    Map<String, JobStatus> expected = new LinkedHashMap<>();
    expected.put("success", JobStatus.SUCCESSFUL);
    expected.put("neutral", JobStatus.SUCCESSFUL);
    expected.put("failure", JobStatus.FAILURE);
    expected.put("timed_out", JobStatus.FAILURE);
    expected.put("startup_failure", JobStatus.FAILURE);
    expected.put("action_required", JobStatus.FAILURE);
    expected.put("stale", JobStatus.FAILURE);
    expected.put("cancelled", JobStatus.CANCELLED);
    expected.put("skipped", JobStatus.SKIPPED);
    github.path = List.of("queued", "waiting", "in_progress", "completed");
    GithubAgent agent = agent();
    int n = 0;
    for (Map.Entry<String, JobStatus> e : expected.entrySet()) {
      String job = JOB.substring(0, JOB.length() - 2) + String.format("%02d", n++);
      github.conclusion = inputs -> e.getKey();
      List<PollResult> polls = pollToEnd(agent, agent.dispatch(request(job)));
      assertThat(polls).extracting(PollResult::status).as(e.getKey()).containsExactly(JobStatus.PENDING,
          JobStatus.ACTION_REQUIRED, JobStatus.IN_PROGRESS, e.getValue());
      assertThat(polls.get(3).message()).contains("completed: " + e.getKey());
    }
  }

  @Test
  void anOldGitHubEnterpriseServerGetsTheDispatchAgainWithoutRunDetailsAndTheRunIsFoundByItsName() throws Exception {
    github.mode = FakeGithub.Mode.GHES_OLD;
    github.hiddenForLists = 2; // the run shows up in lists only on the third look
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    // the first dispatch was refused as invalid (nothing ran); the second one ran
    List<RecordedRequest> sent = github.requests("POST", "/dispatches");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).getBody().utf8()).contains("return_run_details");
    assertThat(sent.get(1).getBody().utf8()).doesNotContain("return_run_details");
    assertThat(github.runs.stream().filter(r -> r.inputs.get("job_id").equals(JOB))).hasSize(1);
    assertThat(ref).startsWith("github:dispatched:acme/storefront/deploy.yml/main/" + JOB + "/");

    List<PollResult> polls = pollToEnd(agent, ref);
    // two looks find nothing; the third finds the queued run in the list, then it is read by its id
    assertThat(polls).extracting(PollResult::status).containsExactly(JobStatus.PENDING, JobStatus.PENDING,
        JobStatus.PENDING, JobStatus.PENDING, JobStatus.IN_PROGRESS, JobStatus.SUCCESSFUL);
    assertThat(polls.get(0).message()).contains("waiting for its run to appear");
    long runId = github.run(JOB).id;
    assertThat(polls.get(2).message()).contains("run " + github.run(JOB).id).contains("is queued");
    assertThat(polls.get(5).links()).containsEntry("run", "https://github.example/acme/storefront/actions/runs/" + runId);
    // lists filter on the event and the dispatch time; once found, the run is read by its id
    RecordedRequest list = github.requests("GET", "/deploy.yml/runs").get(0);
    assertThat(list.getUrl().queryParameter("event")).isEqualTo("workflow_dispatch");
    assertThat(list.getUrl().queryParameter("created")).isEqualTo(">=2026-11-27T09:59:00Z");
    assertThat(github.requests("GET", "/deploy.yml/runs")).hasSize(3);
    assertThat(github.requests("GET", "/actions/runs/" + runId)).hasSize(3);

    // the agent remembers that this server does not know return_run_details
    agent.dispatch(request(JOB.replace("abcd", "abce")));
    assertThat(github.requests("POST", "/dispatches")).hasSize(3);
    assertThat(github.requests("POST", "/dispatches").get(2).getBody().utf8()).doesNotContain("return_run_details");
  }

  @Test
  void aRunThatNeverAppearsEndsExternalRunNotFoundAfterTheBoundedWait() throws Exception {
    github.mode = FakeGithub.Mode.GHES_OLD;
    github.createRuns = false;
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.PENDING);
    clock.advance(Duration.ofSeconds(119));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.PENDING);
    clock.advance(Duration.ofSeconds(2));
    PollResult last = agent.poll(ref);
    assertThat(last.status()).isEqualTo(JobStatus.EXTERNAL_RUN_NOT_FOUND);
    assertThat(last.message()).contains("no run with job id " + JOB).contains("within 2m")
        .contains("run-name: ... ${{ inputs.job_id }}");
    assertThat(github.dispatches()).isEqualTo(2); // the refused one with run details, then the real one
  }

  @Test
  void cancelStopsTheRunAndACompletedRunIsLeftAsItIs() throws Exception {
    github.path = List.of("in_progress");
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.IN_PROGRESS);
    agent.cancel(ref);
    PollResult after = agent.poll(ref);
    assertThat(after.status()).isEqualTo(JobStatus.CANCELLED);
    agent.cancel(ref); // GitHub answers 409 for a completed run: nothing left to stop
    List<RecordedRequest> cancels = github.requests("POST", "/cancel");
    assertThat(cancels).hasSize(2);
    assertThat(cancels.get(0).getUrl().encodedPath()).isEqualTo("/repos/acme/storefront/actions/runs/"
        + github.run(JOB).id + "/cancel");
  }

  @Test
  void cancelOfAProvisionalReferenceFindsTheRunFirst() throws Exception {
    github.mode = FakeGithub.Mode.GHES_OLD;
    github.path = List.of("in_progress");
    github.hiddenForLists = 1;
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    assertThatThrownBy(() -> agent.cancel(ref)).isInstanceOf(AgentException.class)
        .hasMessageContaining("has not appeared").hasMessageContaining("try again")
        .satisfies(e -> assertThat(((AgentException) e).retryable()).isTrue());
    agent.cancel(ref);
    assertThat(github.run(JOB).status()).isEqualTo("completed");
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void findRecoversTheRunOfADispatchWhoseAnswerWasLostAndNeverDispatchesAgain() throws Exception {
    // the dispatch reaches GitHub and its run is created, but the answer comes too late
    settings = settings.withTimeout(Duration.ofMillis(300));
    github.dispatchAnswerDelayMs = 1500;
    github.hiddenForLists = 1;
    GithubAgent agent = agent();
    AgentException lost = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class,
        () -> agent.dispatch(request(JOB)));
    assertThat(lost.retryable()).isTrue();
    assertThat(lost.getMessage()).contains("timed out").contains("looks for it before it dispatches again");
    github.dispatchAnswerDelayMs = 0;
    // the loop asks find first: the run is not listed yet, so find says "ask again" rather than "none"
    assertThatThrownBy(() -> agent.find(request(JOB))).isInstanceOf(AgentException.class)
        .hasMessageContaining("looks again until");
    Optional<String> found = agent.find(request(JOB));
    assertThat(found).contains("github:run:acme/storefront/" + github.run(JOB).id);
    assertThat(github.dispatches()).isEqualTo(1);
    assertThat(pollToEnd(agent, found.get())).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
  }

  @Test
  void findAfterARestartKeepsLookingForABoundedTimeThenSaysThereIsNoRun() throws Exception {
    GithubAgent fresh = agent();
    assertThatThrownBy(() -> fresh.find(request(JOB))).isInstanceOf(AgentException.class)
        .satisfies(e -> assertThat(((AgentException) e).retryable()).isTrue());
    clock.advance(GithubAgent.RUN_APPEARS_WITHIN.plusSeconds(1));
    assertThat(fresh.find(request(JOB))).isEmpty();
    // the decoys (other job ids, a push run) were listed but not taken for this job
    assertThat(github.requests("GET", "/deploy.yml/runs")).hasSize(2);
  }

  @Test
  void aDispatchRefusedByARateLimitIsNotLookedForAndGoesOutAgainAfterTheLimit() throws Exception {
    github.fault("POST dispatches", github.secondaryRateLimit(403, null));
    GithubAgent agent = agent();
    AgentException limited = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class,
        () -> agent.dispatch(request(JOB)));
    assertThat(limited.retryable()).isTrue();
    assertThat(limited.getMessage()).contains("rate limit").doesNotContain("forbidden");
    // before the limit lifts the agent does not call GitHub at all
    int before = github.requests.size();
    assertThatThrownBy(() -> agent.find(request(JOB))).hasMessageContaining("waiting until");
    assertThat(github.requests).hasSize(before);
    clock.advance(Duration.ofSeconds(61));
    assertThat(agent.find(request(JOB))).isEmpty(); // GitHub refused it: nothing to wait for
    String ref = agent.dispatch(request(JOB));
    assertThat(github.dispatches()).isEqualTo(2);
    assertThat(pollToEnd(agent, ref)).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
  }

  @Test
  void shortRateLimitsAreWaitedOutAsGitHubSaysNeverTreatedAsForbidden() throws Exception {
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    long runId = github.run(JOB).id;
    github.fault("GET run", github.primaryRateLimit(2), github.secondaryRateLimit(429, 1),
        github.secondaryRateLimit(403, 3));
    PollResult r = agent.poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.PENDING);
    // primary: until x-ratelimit-reset (+1 s); secondary: retry-after seconds
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(github.requests("GET", "/runs/" + runId)).hasSize(4);
  }

  @Test
  void aSecondaryLimitWithoutRetryAfterWaitsAtLeastAMinuteOutsideTheCall() throws Exception {
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    github.fault("GET run", github.secondaryRateLimit(403, null));
    AgentException e = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class, () -> agent.poll(ref));
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("agent github-storefront").contains("rate limit")
        .contains("2026-11-27T10:01:00Z");
    assertThat(sleeps).isEmpty(); // 60 s is too long to hold the loop inside one call
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> agent.poll(ref)).hasMessageContaining("waiting until 2026-11-27T10:01:00Z");
    clock.advance(Duration.ofSeconds(31));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.PENDING);
  }

  @Test
  void serverErrorsTimeoutsAndDroppedConnectionsOnPollsAreRetried() throws Exception {
    settings = settings.withTimeout(Duration.ofMillis(500));
    GithubAgent agent = agent();
    String ref = agent.dispatch(request(JOB));
    github.fault("GET run", FakeGithub.serverError(502), FakeGithub.serverError(500));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.PENDING);
    github.fault("GET run", FakeGithub.slow(2000));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.IN_PROGRESS);
    github.fault("GET run", FakeGithub.disconnect());
    PollResult third = agent.poll(ref);
    assertThat(third.status()).isEqualTo(JobStatus.SUCCESSFUL);
    // an outage longer than the retries is retryable, for the loop to poll again later
    github.fault("GET run", FakeGithub.serverError(503), FakeGithub.serverError(503), FakeGithub.serverError(503));
    AgentException e = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class, () -> agent.poll(ref));
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("HTTP 503");
  }

  @Test
  void aWrongTokenIsAClearErrorNamingTheAgentAndTheFixAndNeverTheValue() {
    env.put("GITHUB_TOKEN", "ghp_WrongTokenValue0123456789");
    GithubAgent agent = agent();
    AgentException e = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class,
        () -> agent.dispatch(request(JOB)));
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("agent github-storefront").contains("HTTP 401: Bad credentials")
        .contains("${env:GITHUB_TOKEN}").contains("Actions: write on acme/storefront")
        .doesNotContain("ghp_WrongTokenValue0123456789");
    assertThat(github.runs).hasSize(4); // only the decoys
  }

  @Test
  void aSecretResolvedIntoAnInputNeverReachesAnErrorThatEchoesIt() {
    String key = "sk_live_DeployKey0123456789";
    env.put("DEPLOY_KEY", key);
    Map<String, Object> config = agentConfig();
    ((Map<String, Object>) config.get("inputs")).put("deploy_key", "${env:DEPLOY_KEY}");
    // a validation error (or a proxy) that repeats what it was sent
    github.fault("POST dispatches", new MockResponse.Builder().code(422).setHeader("Content-Type", "application/json")
        .body("{\"message\":\"Invalid input deploy_key: " + key + "\",\"status\":\"422\"}").build());
    assertThatThrownBy(() -> agent(config).dispatch(request(JOB, config)))
        .hasMessageContaining("Invalid input deploy_key: ***")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
  }

  @Test
  void refusalsSayWhatToFix() {
    github.workflow("acme", "storefront", "push-only.yml", "name: CI\non: push\njobs: {}\n");
    Map<String, Object> noDispatch = agentConfig();
    noDispatch.put("workflow", "push-only.yml");
    assertThatThrownBy(() -> agent().dispatch(request(JOB, noDispatch)))
        .hasMessageContaining("Workflow does not have 'workflow_dispatch' trigger")
        .hasMessageContaining("add `on: workflow_dispatch`");
    Map<String, Object> extra = agentConfig();
    ((Map<String, Object>) extra.get("inputs")).put("replicas", "3");
    assertThatThrownBy(() -> agent().dispatch(request(JOB, extra)))
        .hasMessageContaining("Unexpected inputs provided: [\"replicas\"]")
        .hasMessageContaining("declare job_id and every key of inputs under on.workflow_dispatch.inputs");
    Map<String, Object> badRef = agentConfig();
    badRef.put("ref", "nope");
    assertThatThrownBy(() -> agent().dispatch(request(JOB, badRef))).hasMessageContaining("No ref found for: nope")
        .hasMessageContaining("set ref to a branch or tag");
    Map<String, Object> otherRepo = agentConfig();
    otherRepo.put("repo", "{{ resource.name }}-app"); // a deployment may template the repository
    assertThatThrownBy(() -> agent().dispatch(request(JOB, otherRepo)))
        .hasMessageContaining("agent github-storefront: dispatching deploy.yml in acme/eu-1-app: HTTP 404")
        .hasMessageContaining("can see the repository");
    Map<String, Object> tooMany = agentConfig();
    for (int i = 0; i < 25; i++) {
      ((Map<String, Object>) tooMany.get("inputs")).put("in" + i, "x");
    }
    assertThatThrownBy(() -> agent().dispatch(request(JOB, tooMany))).hasMessageContaining("at most 25");
    env.remove("GITHUB_TOKEN");
    assertThatThrownBy(() -> agent().dispatch(request(JOB))).hasMessageContaining("agent github-storefront: token")
        .hasMessageContaining("GITHUB_TOKEN is not set");
    assertThat(github.runs).hasSize(4);
  }

  @Test
  void checkPassesForTheExampleWorkflowAndExplainsEachProblem() {
    assertThat(agent().check()).allSatisfy(c -> assertThat(c.ok()).as(c.toString()).isTrue())
        .extracting(AgentCheck::name).containsExactly("token", "repository", "workflow", "workflow_dispatch",
            "job_id input", "inputs", "run-name");

    github.workflow("acme", "storefront", "bare.yml", """
        name: Bare
        on:
          workflow_dispatch:
            inputs:
              version: {required: true}
              approver: {required: true}
        jobs: {}
        """);
    Map<String, Object> bare = agentConfig();
    bare.put("workflow", "bare.yml");
    Map<String, AgentCheck> found = new LinkedHashMap<>();
    agent(bare).check().forEach(c -> found.put(c.name(), c));
    assertThat(found.get("job_id input").ok()).isFalse();
    assertThat(found.get("job_id input").detail()).contains("add `job_id:");
    assertThat(found.get("inputs").detail()).contains("[cluster, environment, region]").contains("declare them");
    assertThat(found.get("run-name").ok()).isFalse();
    assertThat(found.get("run-name").detail()).contains("run-name: deploy ${{ inputs.job_id }}");

    github.disable("acme", "storefront", "deploy.yml");
    assertThat(agent().check()).filteredOn(c -> c.name().equals("workflow")).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("disabled_manually").contains("enable it"));

    Map<String, Object> missing = agentConfig();
    missing.put("workflow", "nope.yml");
    assertThat(agent(missing).check()).filteredOn(c -> !c.ok()).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("has no workflow nope.yml"));

    github.push = false;
    assertThat(agent().check()).filteredOn(c -> !c.ok()).singleElement()
        .satisfies(c -> assertThat(c.detail()).contains("not write").contains("Actions: write"));

    env.put("GITHUB_TOKEN", "ghp_WrongTokenValue0123456789");
    assertThat(agent().check()).filteredOn(c -> !c.ok()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("token");
      assertThat(c.detail()).contains("Bad credentials").contains("${env:GITHUB_TOKEN}")
          .doesNotContain("ghp_WrongTokenValue0123456789");
    });
    env.remove("GITHUB_TOKEN");
    assertThat(agent().check()).singleElement().satisfies(c -> {
      assertThat(c.ok()).isFalse();
      assertThat(c.detail()).contains("GITHUB_TOKEN is not set");
    });
    // none of these called anything but reads
    assertThat(github.requests).allSatisfy(r -> assertThat(r.getMethod()).isEqualTo("GET"));
  }
}
