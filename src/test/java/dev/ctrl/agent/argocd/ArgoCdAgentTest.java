package dev.ctrl.agent.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.PollResult;
import dev.ctrl.agent.argocd.FakeArgoCd.Fault;
import dev.ctrl.agent.argocd.FakeArgoCd.Outcome;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.JobStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD agent against a stateful fake of the API: dispatch, poll, find and cancel as the
 * rollout loop calls them, with waits recorded instead of slept.
 */
class ArgoCdAgentTest {
  static final String TOKEN = "argo-token-" + Long.toHexString(System.nanoTime());
  static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());
  static final String TEMPLATE = """
      metadata:
        name: "{{ deployment.name }}-{{ resource.name }}"
        labels:
          team: payments
      spec:
        source:
          repoURL: https://github.com/acme/deploy-config.git
          path: "apps/{{ deployment.name }}"
          targetRevision: "{{ version.tag }}"
          helm:
            parameters:
              - name: image.tag
                value: "{{ version.tag }}"
                forceString: true
        destination:
          name: "{{ resource.config.cluster }}"
          namespace: checkout
        syncPolicy:
          retry: {limit: 2}
      """;

  final FakeArgoCd argo;
  final List<Duration> slept = new ArrayList<>();
  final Map<String, String> env = new HashMap<>();
  int jobs;

  ArgoCdAgentTest() throws Exception {
    argo = new FakeArgoCd().token(TOKEN).project("payments");
    env.put("ARGOCD_TOKEN", TOKEN);
    env.put("ARGOCD_PASSWORD", PASSWORD);
  }

  @AfterEach
  void close() {
    argo.close();
  }

  AgentSupport support() {
    return new AgentSupport(new TemplateRenderer(new CelExpressions()), new SecretResolver(env, Path.of(".")),
        Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC), slept::add);
  }

  ArgoCdAgent agent(Map<String, Object> connection) {
    return new ArgoCdAgent("argocd-prod", connection, support(), ApiClient.Settings.of("Argo CD",
        RateLimitRule.STANDARD).withTimeout(Duration.ofMillis(800)));
  }

  ArgoCdAgent tokenAgent() {
    return agent(Map.of("server", argo.url(), "token", "${env:ARGOCD_TOKEN}"));
  }

  /** A job's request: the merged config (project, wait, application) and the variables templates read. */
  DispatchRequest request(Map<String, Object> config) {
    jobs++;
    Map<String, Object> vars = new HashMap<>();
    vars.put("deployment", Map.of("name", "checkout", "metadata", Map.of()));
    vars.put("environment", Map.of("name", "Production", "metadata", Map.of()));
    vars.put("resource", Map.of("identifier", "eu_west_1", "name", "eu", "config", Map.of("cluster", "prod-eu"),
        "metadata", Map.of()));
    vars.put("version", Map.of("tag", "1.4." + jobs, "metadata", Map.of(), "config", Map.of()));
    vars.put("job", Map.of("id", jobId(), "kind", "deploy", "attempt", 1L));
    vars.put("release", Map.of("target", "checkout/production/eu", "version", "1.4." + jobs));
    vars.put("variables", Map.of());
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("server", argo.url());
    cfg.put("project", "payments");
    cfg.put("application", TEMPLATE);
    cfg.putAll(config);
    return new DispatchRequest(jobId(), List.of(), Map.of(), null, 0, cfg, vars);
  }

  @Test
  void aProjectSetToNullByAMergedLayerIsTheDefaultProjectNotTheWordNull() throws Exception {
    argo.project("default");
    Map<String, Object> unset = new HashMap<>();
    unset.put("project", null); // a deployment's agentConfig may write `project: null`
    String ref = tokenAgent().dispatch(request(unset));
    assertThat(ref).startsWith("default/checkout-eu/");
    assertThat(JsonPath.text(argo.app("checkout-eu"), "spec", "project")).isEqualTo("default");
  }

  String jobId() {
    return "0b5e55ed-0000-4000-8000-00000000000" + jobs;
  }

  /** Polls until a terminal status (each poll is a step of the fake's controller). */
  List<PollResult> pollToEnd(ArgoCdAgent agent, String ref) throws AgentException {
    List<PollResult> out = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      PollResult r = agent.poll(ref);
      out.add(r);
      if (r.status().terminal()) {
        return out;
      }
    }
    return out;
  }

  /** The last poll of a job dispatched (with the token) to an application whose sync ends so. */
  PollResult endOfAJobThatMeets(Outcome outcome) throws AgentException {
    argo.outcome(outcome);
    ArgoCdAgent agent = tokenAgent();
    List<PollResult> polls = pollToEnd(agent, agent.dispatch(request(Map.of())));
    return polls.get(polls.size() - 1);
  }

  @Test
  void aJobUpsertsTheRenderedApplicationSyncsItOnceAndSucceedsWhenSyncedAndHealthy() throws Exception {
    ArgoCdAgent agent = tokenAgent();
    DispatchRequest job = request(Map.of());
    String ref = agent.dispatch(job);
    assertThat(ref).isEqualTo("payments/checkout-eu/" + job.jobId() + "/wait");

    Map<String, Object> app = argo.app("checkout-eu");
    assertThat(JsonPath.text(app, "metadata", "labels", "ctrl.dev/job-id")).isEqualTo(job.jobId());
    assertThat(JsonPath.text(app, "metadata", "labels", "team")).isEqualTo("payments");
    assertThat(JsonPath.text(app, "spec", "project")).isEqualTo("payments"); // from `project`: the template has none
    assertThat(JsonPath.text(app, "spec", "source", "targetRevision")).isEqualTo("1.4.1");
    assertThat(JsonPath.list(app, "spec", "source", "helm", "parameters")).singleElement()
        .satisfies(p -> assertThat(p).isEqualTo(Map.of("name", "image.tag", "value", "1.4.1", "forceString", true)));
    assertThat(JsonPath.at(app, "spec", "syncPolicy", "retry", "limit")).isEqualTo(2L);

    List<PollResult> polls = pollToEnd(agent, ref);
    assertThat(polls).extracting(PollResult::status).startsWith(JobStatus.IN_PROGRESS)
        .endsWith(JobStatus.SUCCESSFUL).doesNotContain(JobStatus.FAILURE);
    PollResult last = polls.get(polls.size() - 1);
    assertThat(last.message()).isEqualTo("synced to 1.4.1, Synced and Healthy");
    assertThat(last.links()).containsEntry("application", argo.url() + "/applications/checkout-eu");
    // success only after the reconcile that followed the sync: one poll saw it finished but not compared
    assertThat(polls).extracting(PollResult::message).anyMatch(m -> m.contains("waiting for Argo CD to compare"));

    Map<String, Object> sync = JsonText.parseObject(argo.requests("POST /api/v1/applications/{name}/sync").get(0).body());
    assertThat(sync.get("revision")).isEqualTo("1.4.1");
    assertThat(sync.get("infos")).isEqualTo(List.of(Map.of("name", "ctrl.dev/job-id", "value", job.jobId()),
        Map.of("name", "ctrl.dev/wait", "value", "true")));
    assertThat(argo.syncs()).isEqualTo(1);
    assertThat(argo.requests("POST /api/v1/applications")).singleElement()
        .satisfies(s -> assertThat(s.query()).containsEntry("upsert", "true").containsEntry("validate", "true"));
    // every poll asks with ?project= (a missing application is then 404, not 403), all with the token
    assertThat(argo.requests("GET /api/v1/applications/{name}")).allSatisfy(s ->
        assertThat(s.query()).containsEntry("project", "payments"));
    assertThat(argo.requests()).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + TOKEN));
  }

  @Test
  void theDefaultNameIsDeploymentEnvironmentResourceSanitisedAndOverlongNamesAreShortened() throws Exception {
    String template = TEMPLATE.replace("  name: \"{{ deployment.name }}-{{ resource.name }}\"\n", "");
    String ref = tokenAgent().dispatch(request(Map.of("application", template)));
    assertThat(ref).startsWith("payments/checkout-production-eu-west-1/");
    assertThat(argo.appNames()).containsExactly("checkout-production-eu-west-1");

    String longName = ApplicationTemplate.sanitise("Checkout_" + "x".repeat(80) + "--");
    assertThat(longName).hasSize(63).matches("[a-z0-9][a-z0-9.-]*[a-z0-9]").startsWith("checkout-xxx");
    assertThat(ApplicationTemplate.sanitise("Checkout_" + "x".repeat(80) + "y")).isNotEqualTo(longName);
  }

  @Test
  void aDegradedApplicationFailsTheJobWithArgoCdsHealthMessage() throws Exception {
    PollResult last = endOfAJobThatMeets(Outcome.degraded("Deployment \"checkout\" exceeded its progress deadline"));
    assertThat(last.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(last.message()).isEqualTo("synced to 1.4.1 but the application is Degraded: Deployment \"checkout\" "
        + "exceeded its progress deadline");
  }

  @Test
  void aFailedSyncOperationFailsTheJobWithTheOperationAndResourceMessages() throws Exception {
    PollResult last = endOfAJobThatMeets(
        Outcome.failed("one or more objects failed to apply, reason: admission webhook denied the request"));
    assertThat(last.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(last.message()).startsWith("sync failed: one or more objects failed to apply")
        .contains("; Deployment checkout-eu: one or more objects failed");
  }

  @Test
  void withWaitFalseTheJobSucceedsOnceTheSyncWasAccepted() throws Exception {
    argo.outcome(Outcome.forever());
    ArgoCdAgent agent = tokenAgent();
    String ref = agent.dispatch(request(Map.of("wait", false)));
    assertThat(ref).endsWith("/nowait");
    PollResult r = agent.poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(r.message()).isEqualTo("sync accepted (wait: false)");
    assertThat(JsonText.parseObject(argo.requests("POST /api/v1/applications/{name}/sync").get(0).body())
        .get("infos").toString()).contains("value=false");
  }

  @Test
  void anOperationAlreadyInProgressIsWaitedForAndNeverSyncedOver() throws Exception {
    argo.project("payments").existingApp("checkout-eu", "payments");
    argo.foreignOperation("checkout-eu", 2);
    ArgoCdAgent agent = tokenAgent();
    DispatchRequest job = request(Map.of());
    assertThatThrownBy(() -> agent.dispatch(job)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).isEqualTo("agent argocd-prod: application checkout-eu: another operation is already "
          + "in progress (an automated sync); ctrl syncs once it ended");
    });
    assertThat(argo.syncs()).isZero();
    // the loop asks find first: labelled but not synced by this job, so nothing to recover
    assertThat(agent.find(job.jobId())).isEmpty();
    // the controller finishes the other operation; the next attempt syncs
    argo.app("checkout-eu");
    for (int i = 0; i < 4; i++) {
      agent.poll("payments/checkout-eu/someone-else/wait").status();
    }
    String ref = agent.dispatch(job);
    assertThat(argo.syncs()).isEqualTo(1);
    assertThat(pollToEnd(agent, ref)).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
  }

  @Test
  void aSyncThatLosesTheRaceToAnotherOperationIsRetryableAndASyncWindowToo() throws Exception {
    argo.fault("POST /api/v1/applications/{name}/sync", Fault.status(400, 9, "another operation is already in progress"));
    ArgoCdAgent agent = tokenAgent();
    DispatchRequest job = request(Map.of());
    assertThatThrownBy(() -> agent.dispatch(job)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("another operation is already in progress; the sync of job "
          + job.jobId() + " is sent once it ended");
    });
    argo.syncWindowClosed(true);
    assertThatThrownBy(() -> agent.dispatch(job)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).contains("cannot sync: blocked by sync window");
    });
    argo.syncWindowClosed(false);
    assertThat(agent.find(job.jobId())).isEmpty();
    agent.dispatch(job);
    assertThat(agent.find(job.jobId())).contains("payments/checkout-eu/" + job.jobId() + "/wait");
  }

  @Test
  void aSyncWhoseAnswerWasLostIsFoundByTheJobIdAndNotSentAgain() throws Exception {
    argo.fault("POST /api/v1/applications/{name}/sync", Fault.dropAfterActing());
    ArgoCdAgent agent = tokenAgent();
    DispatchRequest job = request(Map.of("wait", false));
    assertThatThrownBy(() -> agent.dispatch(job)).isInstanceOfSatisfying(AgentException.class,
        e -> assertThat(e.retryable()).isTrue());
    assertThat(argo.syncs()).isEqualTo(1); // sent once, not retried blindly
    assertThat(agent.find(job.jobId())).contains("payments/checkout-eu/" + job.jobId() + "/nowait");
    // a job of another id finds nothing
    assertThat(agent.find("0b5e55ed-0000-4000-8000-999999999999")).isEmpty();
    // and a dispatch of the same job again does not sync over its own operation
    assertThat(agent.dispatch(job)).isEqualTo("payments/checkout-eu/" + job.jobId() + "/nowait");
    assertThat(argo.syncs()).isEqualTo(1);
  }

  @Test
  void aDeletedApplicationIsExternalRunNotFoundBecauseTheProjectIsAlwaysSent() throws Exception {
    ArgoCdAgent agent = tokenAgent();
    PollResult r = agent.poll("payments/gone/0b5e55ed-0000-4000-8000-000000000009/wait");
    assertThat(r.status()).isEqualTo(JobStatus.EXTERNAL_RUN_NOT_FOUND);
    assertThat(r.message()).isEqualTo("application gone no longer exists in Argo CD project payments");
  }

  @Test
  void withoutATemplateTheExistingApplicationIsLabelledAndSyncedAndAMissingOneIsAClearError() throws Exception {
    Map<String, Object> noTemplate = new HashMap<>();
    noTemplate.put("application", null);
    ArgoCdAgent agent = tokenAgent();
    assertThatThrownBy(() -> agent.dispatch(request(noTemplate))).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo("agent argocd-prod: application checkout-production-eu-west-1 does not "
          + "exist in Argo CD project payments, and the agent has no application template to create it: add "
          + "`application`, or create the application in Argo CD");
    });
    argo.existingApp("checkout-production-eu-west-1", "payments");
    DispatchRequest job = request(noTemplate);
    String ref = agent.dispatch(job);
    assertThat(JsonPath.text(argo.app("checkout-production-eu-west-1"), "metadata", "labels", "ctrl.dev/job-id"))
        .isEqualTo(job.jobId());
    assertThat(JsonPath.text(argo.app("checkout-production-eu-west-1"), "spec", "source", "repoURL"))
        .isEqualTo("https://github.com/acme/deploy.git");
    assertThat(pollToEnd(agent, ref)).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
  }

  @Test
  void usernameAndPasswordLogInOnceAndLogInAgainOnceWhenTheSessionExpires() throws Exception {
    argo.user("deployer", PASSWORD);
    ArgoCdAgent agent = agent(Map.of("server", argo.url(), "username", "deployer", "password",
        "${env:ARGOCD_PASSWORD}"));
    String ref = agent.dispatch(request(Map.of()));
    agent.poll(ref);
    agent.poll(ref);
    assertThat(argo.sessionsIssued()).isEqualTo(1); // the session token is kept
    assertThat(JsonText.parseObject(argo.requests("POST /api/v1/session").get(0).body()))
        .isEqualTo(Map.of("username", "deployer", "password", PASSWORD));
    argo.expireSessions();
    assertThat(pollToEnd(agent, ref)).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(argo.sessionsIssued()).isEqualTo(2);
    assertThat(argo.requests().stream().filter(s -> !s.path().equals("/api/v1/session")))
        .allSatisfy(s -> assertThat(s.authorization()).startsWith("Bearer eyJ"));

    env.put("ARGOCD_PASSWORD", "wrong-" + PASSWORD);
    ArgoCdAgent wrong = agent(Map.of("server", argo.url(), "username", "deployer", "password",
        "${env:ARGOCD_PASSWORD}"));
    assertThatThrownBy(() -> wrong.poll(ref)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo("agent argocd-prod: Argo CD login of user deployer failed (HTTP 401: "
          + "Invalid username or password (deployer/***)): check username and the password in ${env:ARGOCD_PASSWORD}");
      assertThat(e.getMessage()).doesNotContain(PASSWORD);
    });
  }

  @Test
  void aWrongTokenIsAClearErrorNamingTheAgentAndWhatToFixWithoutTheToken() {
    env.put("ARGOCD_TOKEN", "stale-" + TOKEN);
    ArgoCdAgent agent = tokenAgent();
    assertThatThrownBy(() -> agent.dispatch(request(Map.of()))).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isFalse();
      assertThat(e.getMessage()).isEqualTo("agent argocd-prod: Argo CD refused the token (HTTP 401: invalid session: "
          + "token signature is invalid: Bearer ***): set ${env:ARGOCD_TOKEN} to a valid Argo CD API token (argocd account "
          + "generate-token --account <name>)");
      assertThat(e.getMessage()).doesNotContain(TOKEN);
    });
    assertThat(argo.syncs()).isZero();
  }

  @Test
  void aRefusalThatEchoesTheTokenReachesTheErrorWithoutIt() {
    argo.fault("GET /api/v1/applications/{name}", Fault.status(400, 3, "malformed header: Bearer " + TOKEN));
    ArgoCdAgent agent = tokenAgent();
    assertThatThrownBy(() -> agent.poll(new ArgoRef("payments", "checkout", "job-1", true).encode()))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.getMessage())
            .contains("HTTP 400: malformed header: Bearer ***").doesNotContain(TOKEN));
  }

  @Test
  void rateLimitsFromAProxyAreWaitedOutAndOutagesOnPollsRetried() throws Exception {
    ArgoCdAgent agent = tokenAgent();
    String ref = agent.dispatch(request(Map.of()));
    argo.fault("GET /api/v1/applications/{name}", Fault.rateLimited(7), Fault.unavailable(),
        Fault.status(502, 14, "Bad Gateway"));
    PollResult r = agent.poll(ref);
    assertThat(r.status()).isEqualTo(JobStatus.IN_PROGRESS);
    assertThat(slept).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(1), Duration.ofSeconds(2));

    // an outage that outlasts the retries is retryable: the loop polls again later
    argo.fault("GET /api/v1/applications/{name}", Fault.unavailable(), Fault.unavailable(), Fault.unavailable());
    assertThatThrownBy(() -> agent.poll(ref)).isInstanceOfSatisfying(AgentException.class, e -> {
      assertThat(e.retryable()).isTrue();
      assertThat(e.getMessage()).startsWith("agent argocd-prod: Argo CD: ").contains("HTTP 503: Unavailable");
    });
    // a GET slower than the timeout, then a dropped connection: retried, then answered
    argo.fault("GET /api/v1/applications/{name}", Fault.slow(2_000), Fault.dropped());
    assertThat(agent.poll(ref).status()).isIn(JobStatus.IN_PROGRESS, JobStatus.SUCCESSFUL);
    assertThat(pollToEnd(agent, ref)).last().extracting(PollResult::status).isEqualTo(JobStatus.SUCCESSFUL);
  }

  @Test
  void cancelTerminatesOnlyTheJobsOwnOperation() throws Exception {
    argo.outcome(Outcome.forever());
    ArgoCdAgent agent = tokenAgent();
    String ref = agent.dispatch(request(Map.of()));
    assertThat(agent.poll(ref).status()).isEqualTo(JobStatus.IN_PROGRESS);
    agent.cancel(ref);
    assertThat(argo.requests("DELETE /api/v1/applications/{name}/operation")).singleElement()
        .satisfies(s -> assertThat(s.query()).containsEntry("project", "payments"));
    assertThat(pollToEnd(agent, ref)).last().satisfies(r -> {
      assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(r.message()).isEqualTo("sync terminated in Argo CD");
    });
    agent.cancel(ref); // ended: nothing to stop
    argo.foreignOperation("checkout-eu", 5);
    agent.cancel(ref); // someone else's operation is left alone
    assertThat(argo.requests("DELETE /api/v1/applications/{name}/operation")).hasSize(1);
  }

  @Test
  void checkReportsServerCredentialsProjectAndTemplate() {
    Map<String, Object> good = Map.of("server", argo.url(), "token", "${env:ARGOCD_TOKEN}", "project", "payments",
        "application", TEMPLATE);
    assertThat(agent(good).check()).extracting(AgentCheck::name, AgentCheck::ok).containsExactly(
        org.assertj.core.groups.Tuple.tuple("server", true), org.assertj.core.groups.Tuple.tuple("credentials", true),
        org.assertj.core.groups.Tuple.tuple("project", true), org.assertj.core.groups.Tuple.tuple("application", true));

    Map<String, Object> missing = new HashMap<>(good);
    missing.put("project", "billing");
    assertThat(agent(missing).check()).filteredOn(c -> !c.ok()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("project");
      assertThat(c.detail()).isEqualTo("project billing does not exist in Argo CD (HTTP 404: appprojects.argoproj.io "
          + "\"billing\" not found): create it (argocd proj create billing) or set project");
    });

    argo.forbid("secret-project");
    missing.put("project", "secret-project");
    assertThat(agent(missing).check()).filteredOn(c -> !c.ok()).singleElement()
        .satisfies(c -> assertThat(c.detail()).startsWith("the account may not read project secret-project (HTTP 403"));

    Map<String, Object> badTemplate = new HashMap<>(good);
    badTemplate.put("application", "metadata:\n  name: {{ deployment.name }}\nspec: {}\n");
    assertThat(agent(badTemplate).check()).filteredOn(c -> !c.ok()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("application");
      assertThat(c.detail()).isEqualTo("application.metadata.name: line 2: a {{ }} placeholder must be inside quotes: "
          + "name: \"{{ deployment.name }}\"");
    });

    env.put("ARGOCD_TOKEN", "stale-" + TOKEN);
    List<AgentCheck> wrong = agent(good).check();
    assertThat(wrong).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("credentials");
      assertThat(c.ok()).isFalse();
      assertThat(c.detail()).contains("refused the token").contains("${env:ARGOCD_TOKEN}").doesNotContain(TOKEN);
    });
  }

  @Test
  void aTemplateThatIsNotAnApplicationIsANonRetryableErrorNamingTheField() {
    ArgoCdAgent agent = tokenAgent();
    assertThatThrownBy(() -> agent.dispatch(request(Map.of("application", "spec:\n  source: {repoURL: x}\n"))))
        .isInstanceOfSatisfying(AgentException.class, e -> {
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).startsWith("application.spec.destination: missing");
        });
    assertThatThrownBy(() -> agent.dispatch(request(Map.of("application",
        "metadata:\n  name: \"{{ resource.nothing }}\"\nspec: {}\n")))).isInstanceOfSatisfying(AgentException.class,
            e -> assertThat(e.getMessage()).startsWith("application.metadata.name: {{ resource.nothing }}"));
    assertThat(argo.requests()).isEmpty();
  }
}
