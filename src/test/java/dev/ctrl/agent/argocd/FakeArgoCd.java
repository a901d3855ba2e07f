package dev.ctrl.agent.argocd;

import dev.ctrl.json.JsonText;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A stateful Argo CD API server (EXTERNAL-APIS.md sections 2 and 8) on MockWebServer: sessions
 * and tokens checked on every request, applications created and upserted with Argo CD's rules,
 * syncs that set `operation` and refuse a second one, a controller that moves each operation
 * Running -> Succeeded|Failed|Error over the polls of the application (then reconciles sync and
 * health), terminate, projects and per-project permissions, and faults injected per route.
 *
 * <p>Routes are named "METHOD /path" with `{name}` for the application: "GET /api/v1/applications/{name}".
 */
public final class FakeArgoCd implements AutoCloseable {
  /** How the next sync of an application ends, and after how many controller steps. */
  public record Outcome(int runningPolls, String phase, String message, String health, String healthMessage) {
    public static Outcome healthy() {
      return new Outcome(2, "Succeeded", "successfully synced (all tasks run)", "Healthy", "");
    }

    public static Outcome degraded(String why) {
      return new Outcome(1, "Succeeded", "successfully synced (all tasks run)", "Degraded", why);
    }

    public static Outcome failed(String why) {
      return new Outcome(1, "Failed", why, "Healthy", "");
    }

    /** Stays Running until terminated. */
    public static Outcome forever() {
      return new Outcome(Integer.MAX_VALUE, "Succeeded", "", "Healthy", "");
    }
  }

  /** One injected answer: a status and body, a dropped connection, or a slow answer; optionally after acting. */
  public record Fault(int code, String body, Map<String, String> headers, boolean drop, long delayMs, boolean actFirst) {
    public static Fault status(int code, int grpc, String message) {
      return new Fault(code, error(grpc, message), Map.of(), false, 0, false);
    }

    public static Fault unavailable() {
      return status(503, 14, "Unavailable");
    }

    /** What a proxy in front of Argo CD sends (Argo CD itself has no rate limit). */
    public static Fault rateLimited(int retryAfterSeconds) {
      return new Fault(429, "<html><body>Too Many Requests</body></html>", Map.of("Retry-After",
          Integer.toString(retryAfterSeconds)), false, 0, false);
    }

    /** The request is carried out, then the connection drops before the answer. */
    public static Fault dropAfterActing() {
      return new Fault(0, "", Map.of(), true, 0, true);
    }

    public static Fault dropped() {
      return new Fault(0, "", Map.of(), true, 0, false);
    }

    public static Fault slow(long delayMs) {
      return new Fault(200, "", Map.of(), false, delayMs, true);
    }
  }

  /** A request as received. */
  public record Seen(String method, String path, Map<String, String> query, String authorization, String body) {
    public String route() {
      return method + " " + path.replaceAll("^/api/v1/applications/[^/]+", "/api/v1/applications/{name}");
    }
  }

  private static final class App {
    Map<String, Object> metadata;
    Map<String, Object> spec;
    Map<String, Object> operation;
    Map<String, Object> operationState;
    String sync = "";
    String health = "";
    String healthMessage = "";
    Instant reconciledAt;
    Outcome outcome;
    int stepsLeft;
    boolean reconcilePending;
  }

  private final MockWebServer server = new MockWebServer();
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final Set<String> tokens = new HashSet<>();
  private final Map<String, String> users = new HashMap<>();
  private final Map<String, String> sessions = new HashMap<>(); // jwt -> user
  private final Set<String> projects = new HashSet<>(Set.of("default"));
  private final Set<String> forbiddenProjects = new HashSet<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final Map<String, Outcome> outcomes = new HashMap<>();
  private final List<Seen> seen = new ArrayList<>();
  private Outcome defaultOutcome = Outcome.healthy();
  private boolean syncWindowClosed;
  private Consumer<Seen> onSync = s -> {};
  private long clock = Instant.parse("2026-11-27T10:00:00Z").getEpochSecond();
  private int sessionCount;

  public FakeArgoCd() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return handle(request);
      }
    });
    server.start();
  }

  public String url() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- set-up

  public synchronized FakeArgoCd token(String token) {
    tokens.add(token);
    return this;
  }

  public synchronized FakeArgoCd user(String name, String password) {
    users.put(name, password);
    return this;
  }

  public synchronized FakeArgoCd project(String name) {
    projects.add(name);
    return this;
  }

  /** The account may not see or change anything in this project (403). */
  public synchronized FakeArgoCd forbid(String project) {
    forbiddenProjects.add(project);
    return this;
  }

  public synchronized FakeArgoCd outcome(Outcome o) {
    defaultOutcome = o;
    return this;
  }

  public synchronized FakeArgoCd outcome(String app, Outcome o) {
    outcomes.put(app, o);
    return this;
  }

  public synchronized FakeArgoCd syncWindowClosed(boolean closed) {
    syncWindowClosed = closed;
    return this;
  }

  /** Called after a sync was carried out, before it is answered (the crash test kills the caller here). */
  public synchronized FakeArgoCd onSync(Consumer<Seen> hook) {
    onSync = hook;
    return this;
  }

  /** The next answers of a route are these faults, in order; then the route works again. */
  public synchronized FakeArgoCd fault(String route, Fault... f) {
    faults.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(f));
    return this;
  }

  /** Every session issued so far stops working (a restarted server with a new signing key). */
  public synchronized void expireSessions() {
    sessions.clear();
  }

  /** An existing application (no job label), in sync and healthy. */
  @SuppressWarnings("unchecked")
  public synchronized FakeArgoCd existingApp(String name, String project) {
    App a = new App();
    a.metadata = new LinkedHashMap<>(Map.of("name", name, "namespace", "argocd"));
    a.spec = (Map<String, Object>) JsonText.parse("{\"project\":\"" + project + "\",\"source\":{\"repoURL\":"
        + "\"https://github.com/acme/deploy.git\",\"path\":\"apps/" + name + "\",\"targetRevision\":\"main\"},"
        + "\"destination\":{\"name\":\"in-cluster\",\"namespace\":\"" + name + "\"}}");
    a.sync = "Synced";
    a.health = "Healthy";
    a.reconciledAt = now();
    apps.put(name, a);
    return this;
  }

  /** Someone else's operation (an auto-sync) runs on the application for the next `steps` controller steps. */
  public synchronized void foreignOperation(String name, int steps) {
    App a = apps.get(name);
    a.operation = new LinkedHashMap<>(Map.of("sync", Map.of("revision", "main"), "initiatedBy",
        Map.of("automated", true)));
    a.operationState = null;
    a.outcome = new Outcome(steps, "Succeeded", "successfully synced (all tasks run)", "Healthy", "");
    a.stepsLeft = steps;
  }

  // ---- assertions

  public synchronized List<Seen> requests() {
    return List.copyOf(seen);
  }

  public synchronized List<Seen> requests(String route) {
    return seen.stream().filter(s -> s.route().equals(route)).toList();
  }

  public synchronized int syncs() {
    return requests("POST /api/v1/applications/{name}/sync").size();
  }

  public synchronized Set<String> appNames() {
    return Set.copyOf(apps.keySet());
  }

  /** The application as GET returns it, without a controller step. */
  public synchronized Map<String, Object> app(String name) {
    App a = apps.get(name);
    return a == null ? null : json(a);
  }

  public synchronized int sessionsIssued() {
    return sessionCount;
  }

  // ---- the server

  private Instant now() {
    return Instant.ofEpochSecond(++clock);
  }

  private synchronized MockResponse handle(RecordedRequest r) {
    String path = r.getUrl().encodedPath();
    Map<String, String> query = new LinkedHashMap<>();
    for (String n : r.getUrl().queryParameterNames()) {
      query.put(n, r.getUrl().queryParameter(n));
    }
    String body = r.getBody() == null ? "" : r.getBody().utf8();
    Seen s = new Seen(r.getMethod(), path, query, r.getHeaders().get("Authorization"), body);
    seen.add(s);
    Deque<Fault> queue = faults.get(s.route());
    Fault fault = queue == null ? null : queue.poll();
    if (fault != null && !fault.actFirst()) {
      return faulty(fault, null);
    }
    MockResponse answer = route(s);
    return fault == null ? answer : faulty(fault, answer);
  }

  private MockResponse faulty(Fault f, MockResponse performed) {
    if (f.drop()) {
      return new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    }
    if (f.delayMs() > 0) {
      return new MockResponse.Builder(performed).headersDelay(f.delayMs(), TimeUnit.MILLISECONDS).build();
    }
    MockResponse.Builder b = new MockResponse.Builder().code(f.code()).body(f.body());
    f.headers().forEach(b::setHeader);
    if (f.body().startsWith("{")) {
      b.setHeader("Content-Type", "application/json");
    }
    return b.build();
  }

  private MockResponse route(Seen s) {
    String p = s.path();
    if (s.method().equals("POST") && p.equals("/api/v1/session")) {
      return login(s);
    }
    String user = authenticate(s.authorization());
    if (user == null) {
      // it echoes the credential it rejected (as some proxies in front of it do): whatever ctrl shows
      // of this answer must still not contain a secret
      return err(401, 16, s.authorization() == null ? "no session information"
          : "invalid session: token signature is invalid: " + s.authorization());
    }
    if (s.method().equals("GET") && p.equals("/api/version")) {
      return ok("{\"Version\":\"v3.6.0+fake\"}");
    }
    if (s.method().equals("GET") && p.startsWith("/api/v1/projects/")) {
      String name = p.substring("/api/v1/projects/".length());
      if (forbiddenProjects.contains(name)) {
        return err(403, 7, "permission denied: projects, get, " + name);
      }
      return projects.contains(name) ? ok("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{}}")
          : err(404, 5, "appprojects.argoproj.io \"" + name + "\" not found");
    }
    if (s.method().equals("GET") && p.equals("/api/v1/applications")) {
      return list(s.query().get("selector"));
    }
    if (s.method().equals("POST") && p.equals("/api/v1/applications")) {
      return upsert(s, user);
    }
    String[] parts = p.split("/");
    if (parts.length >= 5 && parts[3].equals("applications")) {
      String name = parts[4];
      String rest = parts.length > 5 ? parts[5] : "";
      if (s.method().equals("GET") && rest.isEmpty()) {
        return get(name, s.query().get("project"));
      }
      if (s.method().equals("POST") && rest.equals("sync")) {
        return sync(name, s, user);
      }
      if (s.method().equals("DELETE") && rest.equals("operation")) {
        return terminate(name, s.query().get("project"));
      }
    }
    return err(404, 5, "Not Found");
  }

  private MockResponse login(Seen s) {
    Map<String, Object> b = JsonText.parseObject(s.body());
    String u = String.valueOf(b.getOrDefault("username", ""));
    String pw = String.valueOf(b.getOrDefault("password", ""));
    if (u.isEmpty() || pw.isEmpty()) {
      return err(401, 16, "no credentials supplied");
    }
    if (!pw.equals(users.get(u))) {
      return err(401, 16, "Invalid username or password (" + u + "/" + pw + ")"); // echoed: see authenticate
    }
    String jwt = "eyJhbGciOiJIUzI1NiJ9.session-" + (++sessionCount) + "." + u;
    sessions.put(jwt, u);
    return ok("{\"token\":\"" + jwt + "\"}");
  }

  private String authenticate(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return null;
    }
    String t = header.substring("Bearer ".length());
    if (tokens.contains(t)) {
      return "deploy-bot";
    }
    return sessions.get(t);
  }

  private MockResponse list(String selector) {
    List<Object> items = new ArrayList<>();
    for (App a : apps.values()) {
      if (selector == null || matches(a, selector)) {
        if (!forbiddenProjects.contains(String.valueOf(a.spec.get("project")))) {
          items.add(json(a));
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metadata", Map.of("resourceVersion", "123"));
    out.put("items", items);
    return ok(JsonText.compact(out));
  }

  private static boolean matches(App a, String selector) {
    String[] kv = selector.split("=", 2);
    Object labels = a.metadata.get("labels");
    return kv.length == 2 && labels instanceof Map<?, ?> m && kv[1].equals(m.get(kv[0]));
  }

  private MockResponse get(String name, String project) {
    App a = apps.get(name);
    if (project == null) {
      // without ?project= a missing app looks exactly like a forbidden one
      if (a == null || forbiddenProjects.contains(String.valueOf(a.spec.get("project")))) {
        return err(403, 7, "permission denied");
      }
    } else {
      if (forbiddenProjects.contains(project)) {
        return err(403, 7, "permission denied");
      }
      if (a == null || !project.equals(a.spec.get("project"))) {
        return err(404, 5, "applications.argoproj.io \"" + name + "\" not found");
      }
    }
    step(a);
    return ok(JsonText.compact(json(a)));
  }

  @SuppressWarnings("unchecked")
  private MockResponse upsert(Seen s, String user) {
    Map<String, Object> body;
    try {
      body = JsonText.parseObject(s.body());
    } catch (RuntimeException e) {
      return err(400, 3, "invalid character in request body");
    }
    Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
    Map<String, Object> spec = (Map<String, Object>) body.get("spec");
    String name = metadata == null ? null : (String) metadata.get("name");
    if (name == null || name.isEmpty() || spec == null) {
      return err(400, 3, "application name and spec are required");
    }
    String project = String.valueOf(spec.getOrDefault("project", ""));
    if (project.isEmpty()) {
      project = "default";
    }
    if (forbiddenProjects.contains(project)) {
      return err(403, 7, "permission denied: applications, create, " + project + "/" + name);
    }
    if (!projects.contains(project)) {
      return err(400, 3, "application spec for " + name + " is invalid: InvalidSpecError: Application referencing "
          + "project " + project + " which does not exist");
    }
    if (spec.get("source") == null && spec.get("sources") == null) {
      return err(400, 3, "application spec for " + name + " is invalid: InvalidSpecError: spec.source or "
          + "spec.sources must be specified");
    }
    App existing = apps.get(name);
    if (existing != null) {
      boolean same = Objects.equals(existing.spec, spec) && Objects.equals(existing.metadata.get("labels"),
          metadata.get("labels")) && Objects.equals(existing.metadata.get("annotations"), metadata.get("annotations"));
      if (same) {
        return ok(JsonText.compact(json(existing)));
      }
      if (!"true".equals(s.query().get("upsert"))) {
        return err(400, 3, "existing application spec is different, use upsert flag to force update");
      }
      existing.spec = spec;
      existing.metadata.put("labels", metadata.get("labels"));
      existing.metadata.put("annotations", metadata.get("annotations"));
      existing.sync = "OutOfSync";
      return ok(JsonText.compact(json(existing)));
    }
    App a = new App();
    a.metadata = new LinkedHashMap<>(metadata);
    a.metadata.putIfAbsent("namespace", "argocd");
    a.spec = spec;
    apps.put(name, a); // freshly created: no sync or health status yet
    return ok(JsonText.compact(json(a)));
  }

  @SuppressWarnings("unchecked")
  private MockResponse sync(String name, Seen s, String user) {
    App a = apps.get(name);
    Map<String, Object> body = s.body().isEmpty() ? Map.of() : JsonText.parseObject(s.body());
    String project = (String) body.get("project");
    if (a == null || (project != null && !project.equals(a.spec.get("project")))) {
      return err(404, 5, "applications.argoproj.io \"" + name + "\" not found");
    }
    if (forbiddenProjects.contains(String.valueOf(a.spec.get("project")))) {
      return err(403, 7, "permission denied: applications, sync, " + a.spec.get("project") + "/" + name);
    }
    if (syncWindowClosed) {
      return err(403, 7, "cannot sync: blocked by sync window");
    }
    if (a.operation != null) {
      return err(400, 9, "another operation is already in progress");
    }
    Map<String, Object> op = new LinkedHashMap<>();
    Map<String, Object> sync = new LinkedHashMap<>();
    sync.put("revision", body.getOrDefault("revision", Objects.toString(((Map<String, Object>) a.spec
        .getOrDefault("source", Map.of())).get("targetRevision"), "HEAD")));
    op.put("sync", sync);
    op.put("initiatedBy", Map.of("username", user));
    if (body.get("infos") != null) {
      op.put("info", body.get("infos"));
    }
    a.operation = op;
    a.operationState = null; // SetAppOperation clears it
    a.outcome = outcomes.getOrDefault(name, defaultOutcome);
    a.stepsLeft = a.outcome.runningPolls();
    String answer = JsonText.compact(json(a));
    onSync.accept(s);
    return ok(answer);
  }

  private MockResponse terminate(String name, String project) {
    App a = apps.get(name);
    if (a == null || (project != null && !project.equals(a.spec.get("project")))) {
      return err(404, 5, "applications.argoproj.io \"" + name + "\" not found");
    }
    if (a.operation == null) {
      return err(400, 3, "Unable to terminate operation. No operation is in progress");
    }
    if (a.operationState == null) {
      a.operationState = runningState(a);
    }
    a.operationState.put("phase", "Terminating");
    return ok("{}");
  }

  private Map<String, Object> runningState(App a) {
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("operation", a.operation);
    st.put("phase", "Running");
    st.put("message", "one or more tasks are running");
    st.put("startedAt", now().toString());
    return st;
  }

  /** One step of the controller, taken when the application is read. */
  private void step(App a) {
    if (a.operation == null) {
      if (a.reconcilePending) {
        a.reconcilePending = false;
        a.reconciledAt = now();
        a.sync = a.outcome.phase().equals("Succeeded") ? "Synced" : "OutOfSync";
        a.health = a.outcome.phase().equals("Succeeded") ? a.outcome.health() : "Healthy";
        a.healthMessage = a.outcome.healthMessage();
      }
      return;
    }
    if (a.operationState == null) {
      a.operationState = runningState(a);
      a.sync = "OutOfSync";
      a.health = "Progressing";
      return;
    }
    String phase = (String) a.operationState.get("phase");
    if (phase.equals("Terminating")) {
      finish(a, "Failed", "Operation terminated");
      return;
    }
    if (a.stepsLeft > 1 && a.stepsLeft != Integer.MAX_VALUE) {
      a.stepsLeft--;
      return;
    }
    if (a.stepsLeft == Integer.MAX_VALUE) {
      return;
    }
    finish(a, a.outcome.phase(), a.outcome.message());
  }

  @SuppressWarnings("unchecked")
  private void finish(App a, String phase, String message) {
    a.operationState.put("phase", phase);
    a.operationState.put("message", message);
    a.operationState.put("finishedAt", now().toString());
    String revision = String.valueOf(((Map<String, Object>) a.operation.get("sync")).get("revision"));
    Map<String, Object> resource = new LinkedHashMap<>();
    resource.put("group", "apps");
    resource.put("kind", "Deployment");
    resource.put("name", a.metadata.get("name"));
    resource.put("status", phase.equals("Succeeded") ? "Synced" : "SyncFailed");
    resource.put("message", phase.equals("Succeeded") ? "deployment.apps/" + a.metadata.get("name") + " configured"
        : message);
    resource.put("syncPhase", "Sync");
    a.operationState.put("syncResult", Map.of("revision", revision, "resources", List.of(resource)));
    a.operation = null;
    // the comparison after the sync comes with a later reconcile
    a.reconcilePending = !message.equals("Operation terminated");
  }

  private static Map<String, Object> json(App a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metadata", a.metadata);
    out.put("spec", a.spec);
    if (a.operation != null) {
      out.put("operation", a.operation);
    }
    Map<String, Object> status = new LinkedHashMap<>();
    if (!a.sync.isEmpty()) {
      status.put("sync", Map.of("status", a.sync));
    }
    if (!a.health.isEmpty()) {
      status.put("health", a.healthMessage.isEmpty() ? Map.of("status", a.health)
          : Map.of("status", a.health, "message", a.healthMessage));
    }
    if (a.operationState != null) {
      status.put("operationState", a.operationState);
    }
    if (a.reconciledAt != null) {
      status.put("reconciledAt", a.reconciledAt.toString());
    }
    out.put("status", status);
    return out;
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse err(int http, int grpc, String message) {
    return new MockResponse.Builder().code(http).setHeader("Content-Type", "application/json")
        .body(error(grpc, message)).build();
  }

  static String error(int grpc, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("code", grpc);
    m.put("message", message);
    return JsonText.compact(m);
  }
}
