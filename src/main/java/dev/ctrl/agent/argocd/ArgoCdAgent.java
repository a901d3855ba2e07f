package dev.ctrl.agent.argocd;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys by upserting an Argo CD Application and syncing it (docs/integrations/argocd.md).
 *
 * <p>dispatch: render the application template (or read the existing application), label it
 * with the job id, upsert it, look at its operation (never sync over a running one), sync with
 * the job id in the operation's info. poll: read the application with `?project=` (so a missing
 * application is 404, not 403) and judge the job's operation ({@link SyncVerdict}). find: list
 * the applications labelled with the job id and return the one whose operation is the job's.
 */
public final class ArgoCdAgent implements JobAgent {
  private final ArgoCdConnection argo;
  private final Map<String, Object> config;
  private final AgentSupport support;

  /**
   * @param name the declared agent's name, for messages
   * @param config the agent document's block as written: server and credentials come from here
   */
  public ArgoCdAgent(String name, Map<String, Object> config, AgentSupport support) {
    this(name, config, support, ApiClient.Settings.of("Argo CD", RateLimitRule.STANDARD));
  }

  ArgoCdAgent(String name, Map<String, Object> config, AgentSupport support, ApiClient.Settings settings) {
    this.config = config;
    this.support = support;
    this.argo = new ArgoCdConnection(name, config, support, settings);
  }

  @Override
  public String dispatch(DispatchRequest request) throws AgentException {
    Map<String, Object> cfg = request.config();
    Map<String, Object> vars = request.variables();
    String project = support.render(ArgoCdConnection.project(cfg), vars, "project");
    boolean wait = bool(cfg.get("wait"));
    Object template = cfg.get("application");
    Map<String, Object> app;
    if (template != null && !String.valueOf(template).isBlank()) {
      app = ApplicationTemplate.finish(ApplicationTemplate.render(String.valueOf(template), vars, support), project,
          request.jobId(), vars);
    } else {
      app = ApplicationTemplate.finish(existing(ApplicationTemplate.sanitise(ApplicationTemplate.defaultName(vars)),
          project), project, request.jobId(), vars);
    }
    String name = JsonPath.text(app, "metadata", "name");
    String appProject = JsonPath.text(app, "spec", "project");
    ArgoRef ref = new ArgoRef(appProject, name, request.jobId(), wait);

    // the same body twice gives the same application: safe to send again after an outage
    ApiResponse upserted = argo.send(ApiRequest.json("POST", argo.url("/api/v1/applications", "upsert", "true",
        "validate", "true"), JsonText.compact(app)).idempotent(true));
    if (!upserted.successful()) {
      throw refused(upserted, "creating or updating application " + name + " in project " + appProject,
          "the account needs applications create and update in project " + appProject);
    }
    Map<String, Object> operation = JsonPath.object(upserted.json(), "operation");
    if (operation != null) {
      if (SyncVerdict.ours(operation, request.jobId())) {
        return ref.encode(); // an earlier attempt of this job did sync
      }
      throw busy(name, operation);
    }
    return sync(ref, app).encode();
  }

  /** The sync: never sent twice blindly (an outage is retryable, and the loop asks find first). */
  private ArgoRef sync(ArgoRef ref, Map<String, Object> app) throws AgentException {
    Map<String, Object> body = new LinkedHashMap<>();
    Object revision = JsonPath.at(app, "spec", "source", "targetRevision");
    if (revision != null && !String.valueOf(revision).isBlank()) {
      body.put("revision", String.valueOf(revision));
    }
    body.put("project", ref.project());
    body.put("infos", List.of(info(SyncVerdict.JOB_INFO, ref.jobId()),
        info(SyncVerdict.WAIT_INFO, Boolean.toString(ref.waitForHealth()))));
    ApiResponse r = argo.send(ApiRequest.json("POST", argo.url("/api/v1/applications/"
        + ArgoCdConnection.encode(ref.app()) + "/sync"), JsonText.compact(body)));
    if (r.successful()) {
      return ref;
    }
    String message = ApiClient.vendorMessage(r);
    if (r.code() == 400 && message.contains("another operation is already in progress")) {
      throw new AgentException("agent " + argo.agent() + ": application " + ref.app() + ": another operation is "
          + "already in progress; the sync of job " + ref.jobId() + " is sent once it ended", true);
    }
    if (r.code() == 403 && message.contains("sync window")) {
      throw new AgentException("agent " + argo.agent() + ": application " + ref.app() + ": " + message
          + "; the sync is sent once the window opens", true);
    }
    throw refused(r, "syncing application " + ref.app(), "the account needs applications sync in project "
        + ref.project());
  }

  private static Map<String, Object> info(String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("value", value);
    return m;
  }

  /** The application as Argo CD has it (for a job without a template): only what an upsert takes. */
  private Map<String, Object> existing(String name, String project) throws AgentException {
    ApiResponse r = get(name, project);
    if (r.code() == 404) {
      throw new AgentException("agent " + argo.agent() + ": application " + name + " does not exist in Argo CD "
          + "project " + project + ", and the agent has no application template to create it: add `application`, "
          + "or create the application in Argo CD", false);
    }
    if (!r.successful()) {
      throw refused(r, "reading application " + name, "the account needs applications get in project " + project);
    }
    Map<String, Object> found = r.json();
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String k : List.of("name", "namespace", "labels", "annotations", "finalizers")) {
      Object v = JsonPath.at(found, "metadata", k);
      if (v != null) {
        metadata.put(k, v instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : v);
      }
    }
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("metadata", metadata);
    Map<String, Object> spec = JsonPath.object(found, "spec");
    app.put("spec", spec == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec));
    return app;
  }

  private ApiResponse get(String name, String project) throws AgentException {
    return argo.send(ApiRequest.get(argo.url("/api/v1/applications/" + ArgoCdConnection.encode(name), "project",
        project)));
  }

  @Override
  public PollResult poll(String externalRef) throws AgentException {
    ArgoRef ref = parse(externalRef);
    ApiResponse r = get(ref.app(), ref.project());
    if (r.code() == 404) {
      return new PollResult(dev.ctrl.model.JobStatus.EXTERNAL_RUN_NOT_FOUND, "application " + ref.app()
          + " no longer exists in Argo CD project " + ref.project(), links(ref));
    }
    if (!r.successful()) {
      throw refused(r, "reading application " + ref.app(), "the account needs applications get in project "
          + ref.project());
    }
    return SyncVerdict.judge(r.json(), ref, links(ref));
  }

  private Map<String, String> links(ArgoRef ref) {
    try {
      return Map.of("application", argo.server() + "/applications/" + ArgoCdConnection.encode(ref.app()));
    } catch (AgentException e) {
      return Map.of();
    }
  }

  @Override
  public void cancel(String externalRef) throws AgentException {
    ArgoRef ref = parse(externalRef);
    ApiResponse r = get(ref.app(), ref.project());
    if (r.code() == 404) {
      return; // nothing left to stop
    }
    if (!r.successful()) {
      throw refused(r, "reading application " + ref.app(), "the account needs applications get in project "
          + ref.project());
    }
    // only the job's own operation is stopped, never someone else's
    if (!SyncVerdict.ours(JsonPath.object(r.json(), "operation"), ref.jobId())) {
      return;
    }
    ApiRequest terminate = new ApiRequest("DELETE", argo.url("/api/v1/applications/" + ArgoCdConnection.encode(ref.app())
        + "/operation", "project", ref.project()), Map.of(), null, null, true);
    ApiResponse t = argo.send(terminate);
    if (t.successful() || (t.code() == 400 && ApiClient.vendorMessage(t).contains("No operation is in progress"))) {
      return;
    }
    throw refused(t, "terminating the sync of application " + ref.app(), "the account needs applications sync in "
        + "project " + ref.project());
  }

  @Override
  public Optional<String> find(String jobId) throws AgentException {
    ApiResponse r = argo.send(ApiRequest.get(argo.url("/api/v1/applications", "selector",
        ApplicationTemplate.JOB_LABEL + "=" + jobId)));
    if (!r.successful()) {
      throw refused(r, "listing the applications of job " + jobId, "the account needs applications get");
    }
    for (Object item : JsonPath.list(r.json(), "items")) {
      Map<String, Object> pending = JsonPath.object(item, "operation");
      Map<String, Object> done = JsonPath.object(item, "status", "operationState", "operation");
      Map<String, Object> operation = SyncVerdict.ours(pending, jobId) ? pending
          : SyncVerdict.ours(done, jobId) ? done : null;
      if (operation != null) {
        String project = JsonPath.text(item, "spec", "project");
        return Optional.of(new ArgoRef(project.isEmpty() ? "default" : project, JsonPath.text(item, "metadata", "name"),
            jobId, !"false".equals(SyncVerdict.info(operation, SyncVerdict.WAIT_INFO))).encode());
      }
    }
    // labelled but never synced (the loop died between the upsert and the sync): dispatch again
    return Optional.empty();
  }

  @Override
  public List<AgentCheck> check() {
    return new ArgoCdChecks(argo, config, support).run();
  }

  private ArgoRef parse(String externalRef) throws AgentException {
    return ArgoRef.parse(externalRef).orElseThrow(() -> new AgentException("agent " + argo.agent() + ": \""
        + externalRef + "\" is not a reference of an Argo CD job (project/application/job/wait)", false));
  }

  private AgentException busy(String app, Map<String, Object> operation) {
    String by = JsonPath.text(operation, "initiatedBy", "username");
    boolean automated = Boolean.TRUE.equals(JsonPath.at(operation, "initiatedBy", "automated"));
    return new AgentException("agent " + argo.agent() + ": application " + app + ": another operation is already "
        + "in progress (" + (automated ? "an automated sync" : by.isEmpty() ? "started elsewhere" : "started by " + by)
        + "); ctrl syncs once it ended", true);
  }

  /**
   * An answer that is not a success: 403 says which permission is missing, 5xx and 409 are
   * retryable, other 4xx are configuration errors with Argo CD's own message.
   */
  private AgentException refused(ApiResponse r, String doing, String permission) {
    String message = "agent " + argo.agent() + ": Argo CD: " + doing + ": HTTP " + r.code()
        + ArgoCdConnection.vendor(r);
    if (r.code() == 403) {
      message += " (" + permission + ")";
    }
    // 409: the application changed under the update (a controller wrote it): worth asking again
    return new AgentException(message, r.code() >= 500 || r.code() == 429 || r.code() == 409);
  }

  private static boolean bool(Object v) {
    return v == null || !"false".equals(String.valueOf(v).strip());
  }
}
