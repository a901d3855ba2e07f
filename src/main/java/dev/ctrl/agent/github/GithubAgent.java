package dev.ctrl.agent.github;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.model.JobStatus;
import dev.ctrl.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;

/**
 * Runs jobs as GitHub Actions workflow runs (docs/integrations/github-actions.md).
 *
 * <p>dispatch sends `workflow_dispatch` with the job id as input `job_id`; GitHub answers 200 with
 * the run id, or 204 without it (older API versions, GitHub Enterprise Server), in which case the
 * reference is provisional and poll looks the run up by the job id in its name (the workflow's
 * `run-name`) until {@link #RUN_APPEARS_WITHIN} after the dispatch, then ends the job
 * external_run_not_found. A dispatch whose outcome is unknown (timeout, 5xx) is never sent again
 * blindly: the loop asks {@link #find} first, which keeps looking for the same bounded time.
 *
 * <p>Connection settings (apiUrl, token) come from the agent document; owner, repo, workflow,
 * ref and inputs from the job's merged configuration. What the agent learns in memory (a run id
 * behind a provisional reference, a dispatch of unknown outcome, a rate limit) only saves calls:
 * after a restart the same answers come from GitHub again.
 */
public final class GithubAgent implements JobAgent {
  /** How long after a dispatch its run may take to show up in GitHub's run list. */
  public static final Duration RUN_APPEARS_WITHIN = Duration.ofMinutes(2);
  /** Slack on the `created>=` filter for the difference between this clock and GitHub's. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  /** A rate limit that lifts sooner is waited out inside the call; a later one is retried by the loop. */
  static final Duration MAX_INLINE_WAIT = Duration.ofSeconds(10);
  /** GitHub accepts at most 25 workflow inputs, job_id included. */
  static final int MAX_INPUTS = 25;
  static final String DEFAULT_API = "https://api.github.com";

  private final String name;
  private final Map<String, Object> agentConfig;
  private final AgentSupport support;
  private final ApiClient.Settings settings;
  private final Duration runAppearsWithin;

  /** Run ids found behind provisional references (job id -> run id). */
  private final Map<String, Long> resolvedRuns = new ConcurrentHashMap<>();
  /** Dispatches whose outcome is unknown (a timeout, a 5xx): job id -> when it was sent. */
  private final Map<String, Instant> uncertain = new ConcurrentHashMap<>();
  /** Jobs whose dispatch GitHub refused before acting (a rate limit): nothing to wait for. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  /** find() calls that found nothing for a job whose dispatch this process never saw: since when. */
  private final Map<String, Instant> lookingSince = new ConcurrentHashMap<>();
  private volatile Instant rateLimitedUntil;
  /** An old GitHub Enterprise Server refused `return_run_details`: not sent again. */
  private volatile boolean runDetailsUnsupported;

  public GithubAgent(String name, Map<String, Object> agentConfig, AgentSupport support) {
    this(name, agentConfig, support, ApiClient.Settings.of("GitHub", RateLimitRule.GITHUB)
        .withMaxInlineWait(MAX_INLINE_WAIT), RUN_APPEARS_WITHIN);
  }

  GithubAgent(String name, Map<String, Object> agentConfig, AgentSupport support, ApiClient.Settings settings,
      Duration runAppearsWithin) {
    this.name = name;
    this.agentConfig = Map.copyOf(withoutNulls(agentConfig));
    this.support = support;
    this.settings = settings;
    this.runAppearsWithin = runAppearsWithin;
  }

  /** Where a job's workflow is: rendered from its merged configuration. */
  record Target(String owner, String repo, String workflow, String branch) {
    String repoName() {
      return owner + "/" + repo;
    }
  }

  @Override
  public String dispatch(DispatchRequest request) throws AgentException {
    String jobId = request.jobId();
    Target t = target(request.config(), request.variables());
    Map<String, String> inputs = inputs(request.config(), request.variables(), jobId);
    GithubApi api = api();
    gate();
    String doing = "dispatching " + t.workflow() + " in " + t.repoName();
    Instant sent = now();
    try {
      ApiResponse r = api.dispatch(t.owner(), t.repo(), t.workflow(), t.branch(), inputs, !runDetailsUnsupported);
      if (!runDetailsUnsupported && (r.code() == 422 || r.code() == 400)
          && ApiClient.vendorMessage(r).contains("return_run_details")) {
        // an old GitHub Enterprise Server: the dispatch was refused as invalid, so nothing ran yet
        runDetailsUnsupported = true;
        sent = now();
        r = api.dispatch(t.owner(), t.repo(), t.workflow(), t.branch(), inputs, false);
      }
      if (!r.successful()) {
        throw GithubErrors.refused(name, doing, r, t.repoName(), tokenRef());
      }
      if (r.json().get("workflow_run_id") instanceof Number id) {
        return GithubRef.run(t.owner(), t.repo(), id.longValue()).encode();
      }
      return GithubRef.dispatched(t.owner(), t.repo(), t.workflow(), t.branch(), jobId, sent).encode();
    } catch (ApiException e) {
      if (e.maybePerformed()) {
        uncertain.put(jobId, sent);
        throw new AgentException(prefix() + doing + ": " + e.getMessage() + "; GitHub may have started the run, "
            + "so ctrl looks for it before it dispatches again", true);
      }
      refused.add(jobId);
      throw failure(e, t.repoName());
    }
  }

  @Override
  public PollResult poll(String externalRef) throws AgentException {
    GithubRef ref = parse(externalRef);
    GithubApi api = api();
    gate();
    try {
      Long runId = ref.resolved() ? ref.runId() : resolvedRuns.get(ref.jobId());
      if (runId == null) {
        return pollDispatched(api, ref);
      }
      ApiResponse r = api.run(ref.owner(), ref.repo(), runId);
      if (r.code() == 404) {
        return PollResult.of(JobStatus.EXTERNAL_RUN_NOT_FOUND, "run " + runId + " no longer exists in "
            + ref.repoName() + " (deleted?), or the token can no longer see it");
      }
      if (!r.successful()) {
        throw GithubErrors.refused(name, "reading run " + runId + " in " + ref.repoName(), r, ref.repoName(),
            tokenRef());
      }
      PollResult result = RunStatuses.of(r.json());
      if (!ref.resolved() && result.status().terminal()) {
        resolvedRuns.remove(ref.jobId()); // never polled again
      }
      return result;
    } catch (ApiException e) {
      throw failure(e, ref.repoName());
    }
  }

  /**
   * The run of a dispatch that GitHub answered without a run id, found by the job id in its name;
   * its id is kept, so later polls and a cancel read the run directly.
   */
  private Optional<Map<String, Object>> dispatchedRun(GithubApi api, GithubRef ref) throws ApiException {
    Optional<Map<String, Object>> run = api.findRun(ref.owner(), ref.repo(), ref.workflow(), ref.jobId(),
        ref.dispatchedAt().minus(CLOCK_SKEW));
    if (run.isPresent() && run.get().get("id") instanceof Number id) {
      resolvedRuns.put(ref.jobId(), id.longValue());
      return run;
    }
    return Optional.empty();
  }

  /** A dispatch answered without a run id: the run is looked up by the job id, for a bounded time. */
  private PollResult pollDispatched(GithubApi api, GithubRef ref) throws ApiException {
    Optional<Map<String, Object>> run = dispatchedRun(api, ref);
    if (run.isPresent()) {
      return RunStatuses.of(run.get());
    }
    Instant deadline = ref.dispatchedAt().plus(runAppearsWithin);
    if (now().isBefore(deadline)) {
      return PollResult.of(JobStatus.PENDING, "dispatched " + ref.workflow() + " in " + ref.repoName()
          + "; waiting for its run to appear");
    }
    return PollResult.of(JobStatus.EXTERNAL_RUN_NOT_FOUND, "GitHub accepted the dispatch of " + ref.workflow()
        + " in " + ref.repoName() + " without a run id, and no run with job id " + ref.jobId() + " in its name "
        + "appeared within " + Durations.format(runAppearsWithin) + ": the workflow must set "
        + "`run-name: ... ${{ inputs.job_id }}` so that ctrl can find its run");
  }

  @Override
  public void cancel(String externalRef) throws AgentException {
    GithubRef ref = parse(externalRef);
    GithubApi api = api();
    gate();
    try {
      Long runId = ref.resolved() ? ref.runId() : resolvedRuns.get(ref.jobId());
      if (runId == null) {
        if (dispatchedRun(api, ref).isEmpty()) {
          if (now().isBefore(ref.dispatchedAt().plus(runAppearsWithin))) {
            throw new AgentException(prefix() + "the run of job " + ref.jobId() + " has not appeared in "
                + ref.repoName() + " yet, so it cannot be cancelled; try again in a few seconds", true);
          }
          return; // it never appeared: nothing runs
        }
        runId = resolvedRuns.get(ref.jobId());
      }
      ApiResponse r = api.cancel(ref.owner(), ref.repo(), runId);
      // 409: the run already completed; 404: it is gone. Either way nothing is left to stop.
      if (!r.successful() && r.code() != 409 && r.code() != 404) {
        throw GithubErrors.refused(name, "cancelling run " + runId + " in " + ref.repoName(), r, ref.repoName(),
            tokenRef());
      }
    } catch (ApiException e) {
      throw failure(e, ref.repoName());
    }
  }

  /** Without the job's configuration: only where the agent document itself says (no templates). */
  @Override
  public Optional<String> find(String jobId) throws AgentException {
    return find(jobId, target(agentConfig, Map.of()));
  }

  @Override
  public Optional<String> find(DispatchRequest request) throws AgentException {
    return find(request.jobId(), target(request.config(), request.variables()));
  }

  /**
   * The run of a job whose dispatch was not recorded. Not finding it is only believed once a run
   * would have appeared: until {@link #RUN_APPEARS_WITHIN} after a dispatch of unknown outcome,
   * or after this process first looked (a restarted loop cannot know when its predecessor sent
   * the dispatch), the answer is a retryable error, so the loop asks again rather than dispatch twice.
   */
  private Optional<String> find(String jobId, Target t) throws AgentException {
    GithubApi api = api();
    gate();
    Instant attempt = uncertain.get(jobId);
    try {
      Optional<Map<String, Object>> run = api.findRun(t.owner(), t.repo(), t.workflow(), jobId,
          attempt == null ? null : attempt.minus(CLOCK_SKEW));
      if (run.isPresent() && run.get().get("id") instanceof Number id) {
        forget(jobId);
        return Optional.of(GithubRef.run(t.owner(), t.repo(), id.longValue()).encode());
      }
    } catch (ApiException e) {
      throw failure(e, t.repoName());
    }
    if (refused.contains(jobId)) {
      forget(jobId);
      return Optional.empty(); // the only dispatch was refused before GitHub acted on it
    }
    Instant now = now();
    Instant from = attempt != null ? attempt : lookingSince.computeIfAbsent(jobId, k -> now);
    Instant until = from.plus(runAppearsWithin);
    if (now.isBefore(until)) {
      throw new AgentException(prefix() + "no run of " + t.workflow() + " in " + t.repoName() + " has job id " + jobId
          + " in its name yet; ctrl looks again until " + until + " before it dispatches (a dispatch may be on its way)",
          true);
    }
    forget(jobId);
    return Optional.empty();
  }

  private void forget(String jobId) {
    uncertain.remove(jobId);
    refused.remove(jobId);
    lookingSince.remove(jobId);
  }

  @Override
  public List<AgentCheck> check() {
    return new GithubCheck(name, agentConfig, this::api).run();
  }

  // ---- configuration

  private Target target(Map<String, Object> config, Map<String, Object> vars) throws AgentException {
    return new Target(required(config, "owner", vars), required(config, "repo", vars),
        required(config, "workflow", vars), config.get("ref") == null ? "main" : render(config, "ref", vars));
  }

  private String required(Map<String, Object> config, String key, Map<String, Object> vars) throws AgentException {
    if (config.get(key) == null) {
      throw new AgentException(prefix() + key + " is not set: give it in the agent, the deployment's agentConfig "
          + "or the version's agentConfig", false);
    }
    String v = render(config, key, vars);
    if (v.isBlank()) {
      throw new AgentException(prefix() + key + " is empty after rendering " + config.get(key), false);
    }
    return v.strip();
  }

  private String render(Map<String, Object> config, String key, Map<String, Object> vars) throws AgentException {
    return prefixed(() -> support.render(String.valueOf(config.get(key)), vars, key));
  }

  /** job_id first, then the configured inputs rendered; ctrl's job_id wins over a configured one. */
  private Map<String, String> inputs(Map<String, Object> config, Map<String, Object> vars, String jobId)
      throws AgentException {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("job_id", jobId);
    if (config.get("inputs") instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!key.equals("job_id") && e.getValue() != null) {
          String text = String.valueOf(e.getValue());
          out.put(key, prefixed(() -> support.render(text, vars, "inputs." + key)));
        }
      }
    } else if (config.get("inputs") != null) {
      throw new AgentException(prefix() + "inputs must be a map of input names to values", false);
    }
    if (out.size() > MAX_INPUTS) {
      throw new AgentException(prefix() + "GitHub accepts at most " + MAX_INPUTS + " workflow inputs and this job "
          + "has " + out.size() + " (job_id included): remove some from inputs", false);
    }
    return out;
  }

  /** The client for the agent document's apiUrl and token, resolved now. */
  private GithubApi api() throws AgentException {
    Object url = agentConfig.getOrDefault("apiUrl", DEFAULT_API);
    HttpUrl base = HttpUrl.parse(String.valueOf(url));
    if (base == null) {
      throw new AgentException(prefix() + "apiUrl " + url + " is not an http(s) URL (GitHub: " + DEFAULT_API
          + ", GitHub Enterprise Server: https://HOST/api/v3)", false);
    }
    if (agentConfig.get("token") == null) {
      throw new AgentException(prefix() + "token is not set: give a reference such as ${env:GITHUB_TOKEN}", false);
    }
    String token = prefixed(() -> support.secret(tokenRef(), "token"));
    return new GithubApi(base, token, support.secrets().resolvedValues(), settings, support.sleep(), support.clock());
  }

  String tokenRef() {
    return String.valueOf(agentConfig.get("token"));
  }

  // ---- errors and rate limits

  /** A rate limit seen earlier is respected without asking GitHub again (it counts refused calls too). */
  private void gate() throws AgentException {
    Instant until = rateLimitedUntil;
    if (until != null && now().isBefore(until)) {
      throw new AgentException(prefix() + "GitHub rate limit: waiting until " + until + " before calling again", true);
    }
  }

  /** The message already says what was being done (the HTTP layer wrote it); a refusal gets what to fix. */
  private AgentException failure(ApiException e, String repo) {
    if (e.rateLimited()) {
      rateLimitedUntil = e.retryAt();
      return new AgentException(prefix() + e.getMessage(), true);
    }
    if (e.retryable()) {
      return new AgentException(prefix() + e.getMessage(), true);
    }
    // a non-2xx answer sendOk turned into an exception: the vendor's message is in it already
    String fix = GithubErrors.remedy(e.status(), ApiClient.vendorMessage(new ApiResponse(e.status(), Map.of(),
        e.body())), repo, tokenRef());
    return new AgentException(prefix() + e.getMessage() + (fix.isEmpty() ? "" : "; " + fix), false);
  }

  private GithubRef parse(String externalRef) throws AgentException {
    try {
      return GithubRef.parse(externalRef);
    } catch (IllegalArgumentException e) {
      throw new AgentException(prefix() + e.getMessage(), false);
    }
  }

  private String prefix() {
    return "agent " + name + ": ";
  }

  @FunctionalInterface
  private interface Step {
    String get() throws AgentException;
  }

  /** The support's errors name the field; this names the agent too. */
  private String prefixed(Step step) throws AgentException {
    try {
      return step.get();
    } catch (AgentException e) {
      throw new AgentException(prefix() + e.getMessage(), e.retryable());
    }
  }

  private Instant now() {
    return support.clock().instant();
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        out.put(k, v);
      }
    });
    return out;
  }
}
