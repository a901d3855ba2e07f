package dev.ctrl.agent.github;

import dev.ctrl.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A stateful fake of the GitHub Actions REST API (EXTERNAL-APIS.md sections 1 and 8): workflows
 * defined by real workflow YAML (their workflow_dispatch inputs and run-name are honoured),
 * dispatches validated the way GitHub does (auth, ref, undeclared and required inputs, the API
 * version and `return_run_details`), runs created lazily (invisible to the list endpoints for the
 * first lists after a dispatch) that move through their statuses one GET at a time, decoy runs,
 * cancel (202, then 409 once completed), rate-limit headers on every answer, and faults injected
 * per route. Every request is recorded.
 */
public final class FakeGithub extends Dispatcher {
  /** How a dispatch answers when it succeeds. */
  public enum Mode {
    /** github.com with API version 2022-11-28: 200 + run details when asked for, else 204. */
    RUN_DETAILS,
    /** An older GitHub Enterprise Server: 422 when `return_run_details` is sent, else 204. */
    GHES_OLD
  }

  /** One workflow run. */
  public final class Run {
    public final long id;
    final String owner;
    public final String repo;
    final Workflow workflow;
    public final String displayTitle;
    final String event;
    final String branch;
    public final Map<String, String> inputs;
    final Instant createdAt;
    final long number;
    /** Statuses one GET after another; the last one stays. */
    final List<String> path;
    volatile String conclusion;
    volatile int gets;
    volatile int hiddenForLists;
    volatile boolean cancelled;

    Run(String owner, String repo, Workflow workflow, String displayTitle, String event, String branch,
        Map<String, String> inputs, Instant createdAt, List<String> path, String conclusion, int hiddenForLists) {
      this.id = nextRunId.getAndIncrement();
      this.number = id - 30433000;
      this.owner = owner;
      this.repo = repo;
      this.workflow = workflow;
      this.displayTitle = displayTitle;
      this.event = event;
      this.branch = branch;
      this.inputs = inputs;
      this.createdAt = createdAt;
      this.path = path;
      this.conclusion = conclusion;
      this.hiddenForLists = hiddenForLists;
    }

    String status() {
      if (cancelled) {
        return "completed";
      }
      return path.get(Math.min(gets, path.size() - 1));
    }

    Map<String, Object> json() {
      String status = status();
      Map<String, Object> m = new LinkedHashMap<>();
      String api = base + "repos/" + owner + "/" + repo + "/actions/runs/" + id;
      m.put("id", id);
      m.put("name", workflow.name);
      m.put("display_title", displayTitle);
      m.put("run_number", number);
      m.put("run_attempt", 1);
      m.put("event", event);
      m.put("status", status);
      m.put("conclusion", status.equals("completed") ? (cancelled ? "cancelled" : conclusion) : null);
      m.put("workflow_id", workflow.id);
      m.put("head_branch", branch);
      m.put("head_sha", "acb5820ced9479c074f688cc328bf03f341a511d");
      m.put("path", workflow.path);
      m.put("url", api);
      m.put("html_url", "https://github.example/" + owner + "/" + repo + "/actions/runs/" + id);
      m.put("jobs_url", api + "/jobs");
      m.put("cancel_url", api + "/cancel");
      m.put("created_at", createdAt.toString());
      m.put("updated_at", createdAt.toString());
      m.put("run_started_at", createdAt.toString());
      m.put("actor", Map.of("login", "deploy-bot"));
      return m;
    }
  }

  /** A workflow file in a repository, read from its YAML. */
  static final class Workflow {
    final long id;
    final String file;
    final String path;
    final String name;
    final String yaml;
    final boolean dispatchable;
    final Map<String, Boolean> inputsRequired = new LinkedHashMap<>();
    final String runName;
    volatile String state = "active";

    Workflow(long id, String file, String yaml) {
      this.id = id;
      this.file = file;
      this.path = ".github/workflows/" + file;
      this.yaml = yaml;
      Map<?, ?> doc = (Map<?, ?>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
      this.name = doc.get("name") instanceof String n ? n : path;
      Object on = doc.containsKey("on") ? doc.get("on") : doc.get(Boolean.TRUE);
      this.dispatchable = on instanceof Map<?, ?> m ? m.containsKey("workflow_dispatch")
          : on instanceof List<?> l ? l.contains("workflow_dispatch") : "workflow_dispatch".equals(on);
      if (on instanceof Map<?, ?> m && m.get("workflow_dispatch") instanceof Map<?, ?> wd
          && wd.get("inputs") instanceof Map<?, ?> inputs) {
        inputs.forEach((k, v) -> inputsRequired.put(String.valueOf(k), v instanceof Map<?, ?> spec
            && Boolean.TRUE.equals(spec.get("required")) && spec.get("default") == null));
      }
      this.runName = doc.get("run-name") instanceof String s ? s : null;
    }
  }

  public static final String TOKEN = "ghp_FakeToken0123456789abcdefABCDEF";
  private static final Pattern EXPR = Pattern.compile("\\$\\{\\{\\s*(?:github\\.event\\.)?inputs\\.([A-Za-z0-9_-]+)\\s*}}");

  final AtomicLong nextRunId = new AtomicLong(30433642);
  private final Clock clock;
  private final Map<String, Workflow> workflows = new ConcurrentHashMap<>(); // owner/repo/file
  public final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
  public final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<MockResponse>> faults = new ConcurrentHashMap<>();
  private final List<String> branches = new ArrayList<>(List.of("main"));
  volatile String base = "http://localhost/";
  public volatile Mode mode = Mode.RUN_DETAILS;
  /** How many list calls a new run stays invisible to. */
  public volatile int hiddenForLists = 0;
  /** false: a dispatch is accepted but no run ever appears. */
  public volatile boolean createRuns = true;
  /** The statuses a new run goes through, one GET at a time. */
  public volatile List<String> path = List.of("queued", "in_progress", "completed");
  /** The conclusion of a new run, from its inputs. */
  public volatile Function<Map<String, String>, String> conclusion = inputs -> "success";
  /** Whether the token may write (GET /repos answers permissions.push). */
  public volatile boolean push = true;
  /** Stall every dispatch answer this long after the run is created (a loop killed meanwhile). */
  public volatile long dispatchAnswerDelayMs = 0;
  /** When set, the next dispatch creates its run but answers this instead (a 502 from a proxy). */
  public volatile MockResponse answerAfterNextRun;
  /** When set, every dispatch answer waits (after the run is created) until it is counted down. */
  public volatile java.util.concurrent.CountDownLatch holdDispatchAnswers;
  private final AtomicLong remaining = new AtomicLong(4999);

  /** The multi-team example's deploy.yml: the workflow every GitHub test dispatches. */
  public static final String EXAMPLE_WORKFLOW = readExampleWorkflow();

  private static String readExampleWorkflow() {
    try {
      return java.nio.file.Files.readString(dev.ctrl.TestFiles.repo().resolve(
          "examples/multi-team/.github/workflows/deploy.yml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A started server answering as this fake, with acme/storefront's deploy.yml (the example's)
   * and `decoys` runs of other jobs in it; the caller closes the server.
   */
  public mockwebserver3.MockWebServer serveStorefront(int decoys) throws java.io.IOException {
    mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer();
    server.setDispatcher(this);
    server.start();
    base(server.url("/").toString()).workflow("acme", "storefront", "deploy.yml", EXAMPLE_WORKFLOW)
        .decoys("acme", "storefront", "deploy.yml", decoys);
    return server;
  }

  public FakeGithub(Clock clock) {
    this.clock = clock;
  }

  /** The URL clients use; the base of the URLs in answers. */
  public FakeGithub base(String url) {
    this.base = url.endsWith("/") ? url : url + "/";
    return this;
  }

  public FakeGithub workflow(String owner, String repo, String file, String yaml) {
    workflows.put(owner + "/" + repo + "/" + file, new Workflow(700000 + workflows.size(), file, yaml));
    return this;
  }

  public void disable(String owner, String repo, String file) {
    workflows.get(owner + "/" + repo + "/" + file).state = "disabled_manually";
  }

  /** Runs that are not the job's: other job ids, a push run, an older run. */
  public FakeGithub decoys(String owner, String repo, String file, int count) {
    Workflow w = workflows.get(owner + "/" + repo + "/" + file);
    for (int i = 0; i < count; i++) {
      String other = "0b5e55ed-dec0-4000-8000-00000000000" + i;
      runs.add(new Run(owner, repo, w, "deploy " + other, i % 3 == 0 ? "push" : "workflow_dispatch", "main",
          Map.of("job_id", other), clock.instant().minus(i, ChronoUnit.MINUTES), List.of("completed"), "success", 0));
    }
    return this;
  }

  /** The next answers of a route ("POST dispatches", "GET run", "GET runs", "POST cancel", "GET repo"...). */
  public FakeGithub fault(String route, MockResponse... responses) {
    faults.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(responses));
    return this;
  }

  public List<RecordedRequest> requests(String method, String pathPart) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.getMethod().equals(method)
          && r.getUrl().encodedPath().contains(pathPart)).toList();
    }
  }

  public int dispatches() {
    return requests("POST", "/dispatches").size();
  }

  public Run run(String jobId) {
    synchronized (runs) {
      return runs.stream().filter(r -> jobId.equals(r.inputs.get("job_id"))).findFirst().orElse(null);
    }
  }

  // ---- faults, shaped like GitHub's

  /** Primary limit: 403, remaining 0, reset in `seconds`. */
  public MockResponse primaryRateLimit(long seconds) {
    return new MockResponse.Builder().code(403).headers(rateHeaders(0, clock.instant().getEpochSecond() + seconds))
        .setHeader("Content-Type", "application/json")
        .body(error("API rate limit exceeded for user ID 1.", "403")).build();
  }

  /** Secondary limit with retry-after (429 or 403). */
  public MockResponse secondaryRateLimit(int code, Integer retryAfter) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .headers(rateHeaders(4000, clock.instant().getEpochSecond() + 3600))
        .setHeader("Content-Type", "application/json")
        .body(error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            Integer.toString(code)));
    if (retryAfter != null) {
      b.setHeader("retry-after", retryAfter);
    }
    return b.build();
  }

  public static MockResponse serverError(int code) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html")
        .body("<html><body><h1>" + code + " Server Error</h1></body></html>").build();
  }

  public static MockResponse disconnect() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  public static MockResponse slow(long ms) {
    return new MockResponse.Builder().code(200).headersDelay(ms, TimeUnit.MILLISECONDS).body("{}").build();
  }

  public static MockResponse answer(int code, String message) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(error(message, Integer.toString(code))).build();
  }

  // ---- routing

  private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    requests.add(request);
    String auth = request.getHeaders().get("Authorization");
    if (!("Bearer " + TOKEN).equals(auth) && !("token " + TOKEN).equals(auth)) {
      // it echoes the credential it rejected (as some proxies in front of it do): whatever ctrl shows
      // of this answer must still not contain a secret
      return json(401, error("Bad credentials (got Authorization: " + auth + ")", "401"));
    }
    String path = request.getUrl().encodedPath();
    Matcher m = REPO.matcher(path);
    if (!m.matches()) {
      return json(404, error("Not Found", "404"));
    }
    String owner = m.group(1);
    String repo = m.group(2);
    String rest = m.group(3) == null ? "" : m.group(3);
    String route = route(request.getMethod(), rest);
    Deque<MockResponse> injected = faults.get(route);
    if (injected != null) {
      MockResponse f = injected.poll();
      if (f != null) {
        return f;
      }
    }
    if (workflows.keySet().stream().noneMatch(k -> k.startsWith(owner + "/" + repo + "/"))) {
      return json(404, error("Not Found", "404"));
    }
    return switch (route) {
      case "GET repo" -> json(200, JsonText.compact(Map.of("id", 1, "full_name", owner + "/" + repo, "private", true,
          "permissions", Map.of("admin", false, "push", push, "pull", true))));
      case "GET workflow" -> workflowInfo(owner, repo, segment(rest, 3));
      case "POST dispatches" -> dispatchWorkflow(request, owner, repo, segment(rest, 3));
      case "GET runs" -> listRuns(request, owner, repo, rest.startsWith("/actions/workflows/") ? segment(rest, 3) : null);
      case "GET run" -> withRun(owner, repo, segment(rest, 3), r -> {
        Map<String, Object> body = r.json();
        r.gets++;
        return json(200, JsonText.compact(body));
      });
      case "GET jobs" -> withRun(owner, repo, segment(rest, 3), r -> json(200, JsonText.compact(Map.of("total_count", 1,
          "jobs", List.of(Map.of("id", r.id * 10, "run_id", r.id, "name", "deploy", "status", r.status(),
              "steps", List.of(Map.of("name", "job_id " + r.inputs.get("job_id"), "number", 1))))))));
      case "POST cancel" -> withRun(owner, repo, segment(rest, 3), r -> {
        if (r.status().equals("completed")) {
          return json(409, error("Cannot cancel a workflow run that is completed.", "409"));
        }
        r.cancelled = true;
        return json(202, "{}");
      });
      case "GET contents" -> contents(request, owner, repo, rest.substring("/contents/".length()));
      default -> json(404, error("Not Found", "404"));
    };
  }

  private static String route(String method, String rest) {
    String[] s = rest.split("/");
    if (rest.isEmpty()) {
      return method + " repo";
    }
    if (rest.startsWith("/contents/")) {
      return method + " contents";
    }
    if (rest.matches("/actions/workflows/[^/]+")) {
      return method + " workflow";
    }
    if (rest.matches("/actions/workflows/[^/]+/dispatches")) {
      return method + " dispatches";
    }
    if (rest.matches("/actions/workflows/[^/]+/runs") || rest.equals("/actions/runs")) {
      return method + " runs";
    }
    if (rest.matches("/actions/runs/\\d+")) {
      return method + " run";
    }
    if (rest.matches("/actions/runs/\\d+/(jobs|cancel)")) {
      return method + " " + s[s.length - 1];
    }
    return method + " " + rest;
  }

  private static String segment(String rest, int i) {
    return java.net.URLDecoder.decode(rest.split("/")[i], StandardCharsets.UTF_8);
  }

  private Workflow find(String owner, String repo, String idOrFile) {
    Workflow w = workflows.get(owner + "/" + repo + "/" + idOrFile);
    if (w != null) {
      return w;
    }
    return workflows.entrySet().stream().filter(e -> e.getKey().startsWith(owner + "/" + repo + "/")
        && Long.toString(e.getValue().id).equals(idOrFile)).map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private MockResponse workflowInfo(String owner, String repo, String idOrFile) {
    Workflow w = find(owner, repo, idOrFile);
    if (w == null) {
      return json(404, error("Not Found", "404"));
    }
    return json(200, JsonText.compact(Map.of("id", w.id, "name", w.name, "path", w.path, "state", w.state)));
  }

  private MockResponse dispatchWorkflow(RecordedRequest request, String owner, String repo, String idOrFile)
      throws InterruptedException {
    Workflow w = find(owner, repo, idOrFile);
    if (w == null) {
      return json(404, error("Not Found", "404"));
    }
    Map<String, Object> body;
    try {
      body = JsonText.parseObject(request.getBody().utf8());
    } catch (RuntimeException e) {
      return json(400, error("Problems parsing JSON", "400"));
    }
    boolean details = Boolean.TRUE.equals(body.get("return_run_details"));
    String version = request.getHeaders().get("X-GitHub-Api-Version");
    if (body.containsKey("return_run_details") && (mode == Mode.GHES_OLD || "2026-03-10".equals(version))) {
      return json(422, "{\"message\":\"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\","
          + "\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"422\"}");
    }
    if (!(body.get("ref") instanceof String ref)) {
      return json(422, error("Invalid request.\n\n\"ref\" wasn't supplied.", "422"));
    }
    if (!w.dispatchable) {
      return json(422, error("Workflow does not have 'workflow_dispatch' trigger", "422"));
    }
    if (!branches.contains(ref)) {
      return json(422, error("No ref found for: " + ref, "422"));
    }
    Map<String, String> inputs = new LinkedHashMap<>();
    if (body.get("inputs") instanceof Map<?, ?> given) {
      given.forEach((k, v) -> inputs.put(String.valueOf(k), String.valueOf(v)));
    }
    if (inputs.size() > 25) {
      return json(422, error("you may only define up to 25 `inputs` for a `workflow_dispatch` event", "422"));
    }
    List<String> unexpected = inputs.keySet().stream().filter(k -> !w.inputsRequired.containsKey(k)).toList();
    if (!unexpected.isEmpty()) {
      return json(422, error("Unexpected inputs provided: " + JsonText.compact(unexpected), "422"));
    }
    for (Map.Entry<String, Boolean> e : w.inputsRequired.entrySet()) {
      if (e.getValue() && !inputs.containsKey(e.getKey())) {
        return json(422, error("Required input '" + e.getKey() + "' not provided", "422"));
      }
    }
    Run run = null;
    if (createRuns) {
      String title = w.runName == null ? w.name : render(w.runName, inputs);
      run = new Run(owner, repo, w, title, "workflow_dispatch", ref, inputs, clock.instant(), path,
          conclusion.apply(inputs), hiddenForLists);
      runs.add(run);
    }
    if (dispatchAnswerDelayMs > 0) {
      Thread.sleep(dispatchAnswerDelayMs);
    }
    MockResponse instead = answerAfterNextRun;
    if (instead != null) {
      answerAfterNextRun = null;
      return instead;
    }
    java.util.concurrent.CountDownLatch hold = holdDispatchAnswers;
    if (hold != null) {
      hold.await(2, TimeUnit.MINUTES);
    }
    boolean runDetails = "2026-03-10".equals(version) || (details && mode == Mode.RUN_DETAILS);
    if (runDetails) {
      long id = run == null ? nextRunId.getAndIncrement() : run.id;
      return json(200, JsonText.compact(Map.of("workflow_run_id", id,
          "run_url", base + "repos/" + owner + "/" + repo + "/actions/runs/" + id,
          "html_url", "https://github.example/" + owner + "/" + repo + "/actions/runs/" + id)));
    }
    return new MockResponse.Builder().code(204).headers(rateHeaders(remaining.decrementAndGet(), reset())).build();
  }

  private static String render(String runName, Map<String, String> inputs) {
    Matcher m = EXPR.matcher(runName);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(inputs.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  private MockResponse listRuns(RecordedRequest request, String owner, String repo, String idOrFile) {
    Workflow w = idOrFile == null ? null : find(owner, repo, idOrFile);
    if (idOrFile != null && w == null) {
      return json(404, error("Not Found", "404"));
    }
    var url = request.getUrl();
    String event = url.queryParameter("event");
    String branch = url.queryParameter("branch");
    String status = url.queryParameter("status");
    String created = url.queryParameter("created");
    Instant since = created != null && created.startsWith(">=") ? Instant.parse(created.substring(2)) : null;
    int perPage = Math.min(100, url.queryParameter("per_page") == null ? 30
        : Integer.parseInt(url.queryParameter("per_page")));
    int page = url.queryParameter("page") == null ? 1 : Integer.parseInt(url.queryParameter("page"));
    List<Run> matching = new ArrayList<>();
    synchronized (runs) {
      for (Run r : runs) {
        if (!r.owner.equals(owner) || !r.repo.equals(repo) || (w != null && r.workflow != w)) {
          continue;
        }
        if (r.hiddenForLists > 0) {
          r.hiddenForLists--; // created lazily: visible only after a few lists
          continue;
        }
        if ((event != null && !event.equals(r.event)) || (branch != null && !branch.equals(r.branch))
            || (since != null && r.createdAt.isBefore(since))
            || (status != null && !status.equals(r.status()) && !status.equals(r.conclusion))) {
          continue;
        }
        matching.add(r);
      }
    }
    matching.sort((a, b) -> b.createdAt.compareTo(a.createdAt)); // newest first
    int from = Math.min(matching.size(), (page - 1) * perPage);
    List<Map<String, Object>> pageRuns = matching.subList(from, Math.min(matching.size(), from + perPage)).stream()
        .map(Run::json).toList();
    int last = Math.max(1, (matching.size() + perPage - 1) / perPage);
    MockResponse.Builder b = new MockResponse.Builder().code(200).headers(rateHeaders(remaining.decrementAndGet(),
        reset())).setHeader("Content-Type", "application/json")
        .body(JsonText.compact(Map.of("total_count", matching.size(), "workflow_runs", pageRuns)));
    if (page < last) {
      String next = url.newBuilder().setQueryParameter("page", Integer.toString(page + 1)).build().toString();
      String lastUrl = url.newBuilder().setQueryParameter("page", Integer.toString(last)).build().toString();
      b.setHeader("Link", "<" + next + ">; rel=\"next\", <" + lastUrl + ">; rel=\"last\"");
    }
    return b.build();
  }

  private MockResponse withRun(String owner, String repo, String id, Function<Run, MockResponse> then) {
    synchronized (runs) {
      for (Run r : runs) {
        if (Long.toString(r.id).equals(id) && r.owner.equals(owner) && r.repo.equals(repo)) {
          return then.apply(r);
        }
      }
    }
    return json(404, error("Not Found", "404"));
  }

  private MockResponse contents(RecordedRequest request, String owner, String repo, String path) {
    String ref = request.getUrl().queryParameter("ref");
    if (ref != null && !branches.contains(ref)) {
      return json(404, error("No commit found for the ref " + ref, "404"));
    }
    for (Workflow w : workflows.values()) {
      if (w.path.equals(path)) {
        String b64 = Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.UTF_8))
            .encodeToString(w.yaml.getBytes(StandardCharsets.UTF_8));
        return json(200, JsonText.compact(Map.of("type", "file", "encoding", "base64", "path", path,
            "name", w.file, "content", b64 + "\n")));
      }
    }
    return json(404, error("Not Found", "404"));
  }

  // ---- answers

  private long reset() {
    return clock.instant().getEpochSecond() + 3600;
  }

  private Headers rateHeaders(long left, long reset) {
    return new Headers.Builder().add("x-ratelimit-limit", "5000").add("x-ratelimit-remaining", Long.toString(left))
        .add("x-ratelimit-used", Long.toString(5000 - left)).add("x-ratelimit-reset", Long.toString(reset))
        .add("x-ratelimit-resource", "core").build();
  }

  private MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).headers(rateHeaders(Math.max(0, remaining.decrementAndGet()), reset()))
        .setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  private static String error(String message, String status) {
    return JsonText.compact(Map.of("message", message, "documentation_url", "https://docs.github.com/rest",
        "status", status));
  }
}
