package dev.ctrl.agent.terraform;

import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful HCP Terraform / Terraform Cloud API (EXTERNAL-APIS.md sections 3 and 8): one
 * organization, workspaces with variables, configuration versions with an upload URL, runs that
 * move one status further on each `GET /runs/{id}`. Every /api/v2 call needs `Authorization:
 * Bearer TOKEN`: another token gets 401, the FORBIDDEN token (valid, without access) gets 404 as
 * Terraform Cloud answers it. Faults are injected per route ("GET /runs/{id}"); every request is
 * recorded with its route.
 */
final class FakeTerraformCloud extends Dispatcher implements AutoCloseable {
  static final String TOKEN = "tfc-team-token-3f9a1c77e0b2";
  static final String FORBIDDEN_TOKEN = "tfc-other-team-token-55aa01";
  static final String ORG = "acme";
  static final String JSON_API = "application/vnd.api+json";

  /** How the next runs end. */
  enum Outcome { APPLIED, NO_CHANGES, ERRORED, WAIT_FOR_CONFIRMATION, POLICY_OVERRIDE }

  record Request(String route, String method, String path, String authorization, String contentType, String body,
      byte[] bytes) {}

  static final class Workspace {
    final String id;
    final String name;
    final Map<String, Object> attributes;
    final List<Map<String, Object>> vars = new ArrayList<>();
    boolean canQueueRun = true;
    boolean canQueueApply = true;

    Workspace(String id, String name, Map<String, Object> attributes) {
      this.id = id;
      this.name = name;
      this.attributes = attributes;
    }

    Map<String, Object> variable(String key) {
      return vars.stream().filter(v -> key.equals(attr(v, "key"))).findFirst().orElse(null);
    }
  }

  static final class Run {
    final String id;
    final Workspace workspace;
    final String message;
    final boolean autoApply;
    final String configurationVersion;
    final List<String> path;
    int step;
    String status;

    Run(String id, Workspace workspace, String message, boolean autoApply, String cv, List<String> path) {
      this.id = id;
      this.workspace = workspace;
      this.message = message;
      this.autoApply = autoApply;
      this.configurationVersion = cv;
      this.path = new ArrayList<>(path);
      this.status = path.get(0);
    }

    boolean waiting() {
      return (status.equals("planned") && !autoApply) || status.equals("policy_override");
    }
  }

  static final class ConfigurationVersion {
    final String id;
    final Workspace workspace;
    String status = "pending";
    byte[] upload;
    int pollsBeforeUploaded = 1;

    ConfigurationVersion(String id, Workspace workspace) {
      this.id = id;
      this.workspace = workspace;
    }
  }

  final MockWebServer server = new MockWebServer();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Workspace> workspaces = new LinkedHashMap<>();
  final Map<String, Run> runs = new LinkedHashMap<>();
  final Map<String, ConfigurationVersion> configurationVersions = new LinkedHashMap<>();
  private final Map<String, Deque<MockResponse>> faults = new LinkedHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  volatile Outcome outcome = Outcome.APPLIED;
  volatile boolean canCreateWorkspace = true;
  /**
   * Called after POST /runs created its run, before the answer is sent (a crash test kills the
   * client here); a response it returns replaces the answer (a dropped connection: the run exists
   * but the client never hears of it).
   */
  volatile java.util.function.Supplier<MockResponse> afterRunCreated = () -> null;

  FakeTerraformCloud() throws IOException {
    server.setDispatcher(this);
    server.start();
  }

  String address() {
    String url = server.url("/").toString();
    return url.substring(0, url.length() - 1);
  }

  /** The next answers of a route ("GET /runs/{id}") are these, in order, before its normal ones. */
  synchronized FakeTerraformCloud fault(String route, MockResponse... responses) {
    faults.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(responses));
    return this;
  }

  static MockResponse rateLimited() {
    return new MockResponse.Builder().code(429).setHeader("Content-Type", JSON_API)
        .setHeader("X-RateLimit-Limit", "30").setHeader("X-RateLimit-Remaining", "0")
        .setHeader("X-RateLimit-Reset", "0.5")
        .body("{\"errors\":[{\"detail\":\"You have exceeded the API's rate limit.\",\"status\":429,"
            + "\"title\":\"Too many requests\"}]}").build();
  }

  static MockResponse serverError(int code) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html")
        .body("<html><body><h1>" + code + " Bad Gateway</h1></body></html>").build();
  }

  static MockResponse dropped() {
    return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  static MockResponse slow(long millis) {
    return new MockResponse.Builder().code(200).headersDelay(millis, TimeUnit.MILLISECONDS).body("{}").build();
  }

  static MockResponse error(int code, String title, String detail) {
    return json(code, Map.of("errors", List.of(detail == null ? Map.of("status", String.valueOf(code), "title", title)
        : Map.of("status", String.valueOf(code), "title", title, "detail", detail))));
  }

  /** A workspace that exists before the test. */
  synchronized Workspace workspace(String name) {
    return workspaces.computeIfAbsent(name, n -> new Workspace("ws-" + id(), n, new LinkedHashMap<>(Map.of("name", n,
        "auto-apply", false, "execution-mode", "remote"))));
  }

  List<Request> requests(String route) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.route().equals(route)).toList();
    }
  }

  List<String> routes() {
    synchronized (requests) {
      return requests.stream().map(Request::route).toList();
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private String id() {
    return String.format("%016d", ids.incrementAndGet()).replace('0', 'A');
  }

  private static final List<Route> ROUTES = List.of(
      new Route("GET", "/api/v2/organizations/([^/]+)", "GET /organizations/{org}"),
      new Route("GET", "/api/v2/organizations/([^/]+)/workspaces/([^/]+)", "GET /organizations/{org}/workspaces/{name}"),
      new Route("POST", "/api/v2/organizations/([^/]+)/workspaces", "POST /organizations/{org}/workspaces"),
      new Route("GET", "/api/v2/workspaces/([^/]+)/vars", "GET /workspaces/{id}/vars"),
      new Route("POST", "/api/v2/workspaces/([^/]+)/vars", "POST /workspaces/{id}/vars"),
      new Route("PATCH", "/api/v2/workspaces/([^/]+)/vars/([^/]+)", "PATCH /workspaces/{id}/vars/{var}"),
      new Route("POST", "/api/v2/workspaces/([^/]+)/configuration-versions",
          "POST /workspaces/{id}/configuration-versions"),
      new Route("GET", "/api/v2/configuration-versions/([^/]+)", "GET /configuration-versions/{id}"),
      new Route("PUT", "/upload/([^/]+)", "PUT /upload/{cv}"),
      new Route("POST", "/api/v2/runs", "POST /runs"),
      new Route("GET", "/api/v2/runs/([^/]+)", "GET /runs/{id}"),
      new Route("GET", "/api/v2/workspaces/([^/]+)/runs", "GET /workspaces/{id}/runs"),
      new Route("POST", "/api/v2/runs/([^/]+)/actions/([a-z-]+)", "POST /runs/{id}/actions/{action}"));

  private record Route(String method, String pattern, String name) {}

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    Route route = null;
    Matcher m = null;
    for (Route r : ROUTES) {
      Matcher candidate = Pattern.compile(r.pattern()).matcher(path);
      if (r.method().equals(request.getMethod()) && candidate.matches()) {
        route = r;
        m = candidate;
        break;
      }
    }
    byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    String name = route == null ? request.getMethod() + " " + path : route.name();
    requests.add(new Request(name, request.getMethod(), request.getTarget(), request.getHeaders().get("Authorization"),
        request.getHeaders().get("Content-Type"), new String(bytes, java.nio.charset.StandardCharsets.UTF_8), bytes));
    synchronized (this) {
      Deque<MockResponse> injected = faults.get(name);
      if (injected != null && !injected.isEmpty()) {
        return injected.poll();
      }
      if (route == null) {
        return error(404, "not found", null);
      }
      if (!name.startsWith("PUT /upload")) {
        String auth = request.getHeaders().get("Authorization");
        if (auth == null || !(auth.equals("Bearer " + TOKEN) || auth.equals("Bearer " + FORBIDDEN_TOKEN))) {
          // it echoes the credential it rejected (as some proxies in front of it do): whatever ctrl shows
          // of this answer must still not contain a secret
          return error(401, "unauthorized: " + auth, null);
        }
        if (auth.equals("Bearer " + FORBIDDEN_TOKEN)) {
          return error(404, "not found", null); // no permission looks like nothing there
        }
      }
      try {
        return handle(name, m, request, bytes);
      } catch (RuntimeException e) {
        return error(422, "invalid attribute", "malformed body: " + e.getMessage());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private MockResponse handle(String route, Matcher m, RecordedRequest request, byte[] bytes) {
    Map<String, Object> body = bytes.length == 0 || route.startsWith("PUT /upload") ? Map.of()
        : JsonText.parseObject(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    switch (route) {
      case "GET /organizations/{org}" -> {
        if (!m.group(1).equals(ORG)) {
          return error(404, "not found", null);
        }
        return json(200, Map.of("data", Map.of("id", ORG, "type", "organizations", "attributes", Map.of("name", ORG,
            "permissions", Map.of("can-create-workspace", canCreateWorkspace, "can-update", false)))));
      }
      case "GET /organizations/{org}/workspaces/{name}" -> {
        Workspace ws = m.group(1).equals(ORG) ? workspaces.get(m.group(2)) : null;
        return ws == null ? error(404, "not found", null) : json(200, Map.of("data", workspaceDoc(ws)));
      }
      case "POST /organizations/{org}/workspaces" -> {
        if (!m.group(1).equals(ORG)) {
          return error(404, "not found", null);
        }
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        Map<String, Object> attributes = (Map<String, Object>) data.get("attributes");
        String name = (String) attributes.get("name");
        if (!"workspaces".equals(data.get("type")) || name == null) {
          return error(422, "invalid attribute", "malformed workspace");
        }
        if (workspaces.containsKey(name)) {
          return json(422, Map.of("errors", List.of(Map.of("status", "422", "title", "invalid attribute", "detail",
              "Name has already been taken", "source", Map.of("pointer", "/data/attributes/name")))));
        }
        Workspace ws = new Workspace("ws-" + id(), name, new LinkedHashMap<>(attributes));
        workspaces.put(name, ws);
        return json(201, Map.of("data", workspaceDoc(ws)));
      }
      case "GET /workspaces/{id}/vars" -> {
        Workspace ws = byId(m.group(1));
        if (ws == null) {
          return error(404, "not found", null);
        }
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> v : ws.vars) {
          Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) v.get("attributes"));
          if (Boolean.TRUE.equals(attributes.get("sensitive"))) {
            attributes.put("value", null); // write-only
          }
          out.add(Map.of("id", v.get("id"), "type", "vars", "attributes", attributes));
        }
        return json(200, Map.of("data", out));
      }
      case "POST /workspaces/{id}/vars" -> {
        Workspace ws = byId(m.group(1));
        if (ws == null) {
          return error(404, "not found", null);
        }
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) data.get("attributes"));
        if (!"vars".equals(data.get("type")) || attributes.get("key") == null || attributes.get("category") == null) {
          return error(422, "invalid attribute", "key and category are required");
        }
        for (Map<String, Object> v : ws.vars) {
          if (attributes.get("key").equals(attr(v, "key")) && attributes.get("category").equals(attr(v, "category"))) {
            return json(422, Map.of("errors", List.of(Map.of("status", "422", "title", "invalid attribute",
                "detail", "Key has already been taken", "source", Map.of("pointer", "/data/attributes/key")))));
          }
        }
        Map<String, Object> v = new LinkedHashMap<>(Map.of("id", "var-" + id(), "type", "vars"));
        attributes.putIfAbsent("value", "");
        attributes.putIfAbsent("hcl", false);
        attributes.putIfAbsent("sensitive", false);
        v.put("attributes", attributes);
        ws.vars.add(v);
        return json(201, Map.of("data", publicVar(v)));
      }
      case "PATCH /workspaces/{id}/vars/{var}" -> {
        Workspace ws = byId(m.group(1));
        Map<String, Object> v = ws == null ? null
            : ws.vars.stream().filter(x -> m.group(2).equals(x.get("id"))).findFirst().orElse(null);
        if (v == null) {
          return error(404, "not found", null);
        }
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        Map<String, Object> attributes = (Map<String, Object>) v.get("attributes");
        Map<String, Object> change = (Map<String, Object>) data.get("attributes");
        if (Boolean.TRUE.equals(attributes.get("sensitive")) && Boolean.FALSE.equals(change.get("sensitive"))) {
          return error(422, "invalid attribute", "Sensitive variables cannot be made non-sensitive");
        }
        attributes.putAll(change);
        return json(200, Map.of("data", publicVar(v)));
      }
      case "POST /workspaces/{id}/configuration-versions" -> {
        Workspace ws = byId(m.group(1));
        if (ws == null) {
          return error(404, "not found", null);
        }
        ConfigurationVersion cv = new ConfigurationVersion("cv-" + id(), ws);
        configurationVersions.put(cv.id, cv);
        return json(201, Map.of("data", Map.of("id", cv.id, "type", "configuration-versions", "attributes",
            Map.of("status", cv.status, "auto-queue-runs", false, "upload-url",
                server.url("/upload/" + cv.id + "-secret-upload-token").toString()))));
      }
      case "PUT /upload/{cv}" -> {
        ConfigurationVersion cv = configurationVersions.get(m.group(1).replace("-secret-upload-token", ""));
        if (cv == null || cv.upload != null) {
          return error(404, "not found", null); // an upload URL works once
        }
        cv.upload = bytes;
        return new MockResponse.Builder().code(200).build();
      }
      case "GET /configuration-versions/{id}" -> {
        ConfigurationVersion cv = configurationVersions.get(m.group(1));
        if (cv == null) {
          return error(404, "not found", null);
        }
        if (cv.upload != null && cv.pollsBeforeUploaded-- <= 0) {
          cv.status = validTarGz(cv.upload) ? "uploaded" : "errored";
        }
        return json(200, Map.of("data", Map.of("id", cv.id, "type", "configuration-versions", "attributes",
            Map.of("status", cv.status))));
      }
      case "POST /runs" -> {
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        if (data == null || !"runs".equals(data.get("type"))) {
          return error(422, "invalid attribute", "data.type must be runs");
        }
        Object wsId = JsonPath.at(data, "relationships", "workspace", "data", "id");
        Workspace ws = wsId == null ? null : byId(String.valueOf(wsId));
        if (ws == null || !ws.canQueueRun) {
          return error(404, "not found", null);
        }
        String cv = JsonPath.string(data, "relationships", "configuration-version", "data",
            "id");
        if (cv != null && !"uploaded".equals(configurationVersions.get(cv).status)) {
          return error(422, "invalid attribute", "Configuration version is not uploaded");
        }
        Map<String, Object> attributes = (Map<String, Object>) data.getOrDefault("attributes", Map.of());
        boolean autoApply = attributes.containsKey("auto-apply") ? Boolean.TRUE.equals(attributes.get("auto-apply"))
            : Boolean.TRUE.equals(ws.attributes.get("auto-apply"));
        Run run = new Run("run-" + id(), ws, String.valueOf(attributes.getOrDefault("message",
            "Queued manually via the Terraform Enterprise API")), autoApply, cv, path(outcome));
        runs.put(run.id, run);
        MockResponse instead = afterRunCreated.get();
        return instead != null ? instead : json(201, Map.of("data", runDoc(run)));
      }
      case "GET /runs/{id}" -> {
        Run run = runs.get(m.group(1));
        if (run == null) {
          return error(404, "not found", null);
        }
        advance(run);
        Map<String, Object> doc = new LinkedHashMap<>(Map.of("data", runDoc(run)));
        if ("workspace".equals(request.getUrl().queryParameter("include"))) {
          doc.put("included", List.of(workspaceDoc(run.workspace)));
        }
        return json(200, doc);
      }
      case "GET /workspaces/{id}/runs" -> {
        Workspace ws = byId(m.group(1));
        if (ws == null) {
          return error(404, "not found", null);
        }
        String size = request.getUrl().queryParameter("page[size]");
        int max = size == null ? 20 : Math.min(100, Integer.parseInt(size));
        List<Object> out = new ArrayList<>();
        List<Run> newestFirst = new ArrayList<>(runs.values().stream().filter(r -> r.workspace == ws).toList());
        Collections.reverse(newestFirst);
        for (Run r : newestFirst.subList(0, Math.min(max, newestFirst.size()))) {
          out.add(runDoc(r));
        }
        return json(200, Map.of("data", out, "meta", Map.of("pagination", Map.of("current-page", 1,
            "total-count", newestFirst.size()))));
      }
      case "POST /runs/{id}/actions/{action}" -> {
        Run run = runs.get(m.group(1));
        if (run == null) {
          return error(404, "not found", null);
        }
        switch (m.group(2)) {
          case "apply" -> {
            if (!run.waiting()) {
              return error(409, "conflict", "transition not allowed");
            }
            run.path.subList(run.step + 1, run.path.size()).clear();
            run.path.addAll(List.of("apply_queued", "applying", "applied"));
            run.status = "confirmed";
          }
          case "cancel" -> {
            if (!cancelable(run)) {
              return error(409, "conflict", "transition not allowed");
            }
            finish(run, "canceled");
          }
          case "discard" -> {
            if (!discardable(run)) {
              return error(409, "conflict", "transition not allowed");
            }
            finish(run, "discarded");
          }
          default -> {
            return error(404, "not found", null);
          }
        }
        return new MockResponse.Builder().code(202).build();
      }
      default -> {
        return error(404, "not found", null);
      }
    }
  }

  /** The statuses a run goes through for an outcome, from `pending`. */
  static List<String> path(Outcome outcome) {
    return switch (outcome) {
      case APPLIED -> List.of("pending", "plan_queued", "planning", "planned", "apply_queued", "applying", "applied");
      case NO_CHANGES -> List.of("pending", "plan_queued", "planning", "planned_and_finished");
      case ERRORED -> List.of("pending", "plan_queued", "planning", "errored");
      case WAIT_FOR_CONFIRMATION -> List.of("pending", "plan_queued", "planning", "planned", "apply_queued", "applying",
          "applied");
      case POLICY_OVERRIDE -> List.of("pending", "plan_queued", "planning", "planned", "policy_checking",
          "policy_override");
    };
  }

  /** One step further per read, except where the run waits for a person or has ended. */
  private void advance(Run run) {
    if (run.waiting() || run.step >= run.path.size() - 1 || terminal(run.status)) {
      return;
    }
    if (run.status.equals("confirmed")) {
      run.step++;
      run.status = run.path.get(run.step);
      return;
    }
    run.step++;
    run.status = run.path.get(run.step);
  }

  private static void finish(Run run, String status) {
    run.status = status;
    run.path.subList(run.step + 1, run.path.size()).clear();
    run.path.set(run.step, status);
  }

  private static boolean terminal(String status) {
    return List.of("applied", "planned_and_finished", "errored", "discarded", "canceled", "force_canceled")
        .contains(status);
  }

  private static boolean cancelable(Run run) {
    return List.of("plan_queued", "planning", "apply_queued", "applying").contains(run.status);
  }

  private static boolean discardable(Run run) {
    return run.status.equals("pending") || run.waiting();
  }

  private Map<String, Object> runDoc(Run run) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("status", run.status);
    attributes.put("message", run.message);
    attributes.put("auto-apply", run.autoApply);
    attributes.put("source", "tfe-api");
    attributes.put("actions", Map.of("is-cancelable", cancelable(run), "is-confirmable", run.status.equals("planned")
        && run.waiting(), "is-discardable", discardable(run), "is-force-cancelable", false));
    Map<String, Object> relationships = new LinkedHashMap<>();
    relationships.put("workspace", Map.of("data", Map.of("id", run.workspace.id, "type", "workspaces")));
    if (run.configurationVersion != null) {
      relationships.put("configuration-version", Map.of("data", Map.of("id", run.configurationVersion, "type",
          "configuration-versions")));
    }
    return Map.of("id", run.id, "type", "runs", "attributes", attributes, "relationships", relationships, "links",
        Map.of("self", "/api/v2/runs/" + run.id));
  }

  private Map<String, Object> workspaceDoc(Workspace ws) {
    Map<String, Object> attributes = new LinkedHashMap<>(ws.attributes);
    attributes.put("permissions", Map.of("can-queue-run", ws.canQueueRun, "can-queue-apply", ws.canQueueApply));
    return Map.of("id", ws.id, "type", "workspaces", "attributes", attributes, "relationships",
        Map.of("organization", Map.of("data", Map.of("id", ORG, "type", "organizations"))));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> publicVar(Map<String, Object> v) {
    Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) v.get("attributes"));
    if (Boolean.TRUE.equals(attributes.get("sensitive"))) {
      attributes.put("value", null);
    }
    return Map.of("id", v.get("id"), "type", "vars", "attributes", attributes);
  }

  @SuppressWarnings("unchecked")
  static Object attr(Map<String, Object> v, String key) {
    return ((Map<String, Object>) v.get("attributes")).get(key);
  }

  private Workspace byId(String id) {
    return workspaces.values().stream().filter(w -> w.id.equals(id)).findFirst().orElse(null);
  }

  private static boolean validTarGz(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      byte[] header = in.readNBytes(512);
      return header.length == 512 && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)
          .equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  static MockResponse json(int code, Map<String, Object> body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", JSON_API).body(JsonText.compact(body))
        .build();
  }
}
