package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.PollResult;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Creating, reading, finding and stopping runs (EXTERNAL-APIS.md 3.6). */
final class Runs {
  /** How many of a workspace's newest runs `find` looks through: a crash is recovered within seconds. */
  static final int FIND_PAGE = 100;
  private static final Pattern RUN_ID = Pattern.compile("run-[A-Za-z0-9]+");

  private Runs() {}

  /**
   * Creates the run: sent once, never again by the client (POST /runs is not idempotent). An
   * answer that never came (a timeout, a 5xx) is a retryable error: the loop then asks `find`
   * whether the run exists before it dispatches again.
   */
  static String create(TfcApi api, String workspaceId, JobSettings job, String configurationVersion, String message)
      throws AgentException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("message", message);
    attributes.put("auto-apply", job.autoApply());
    Map<String, Object> relationships = new LinkedHashMap<>();
    relationships.put("workspace", TfcApi.relation("workspaces", workspaceId));
    if (configurationVersion != null) {
      relationships.put("configuration-version", TfcApi.relation("configuration-versions", configurationVersion));
    }
    ApiResponse r = api.write("POST", "/runs", TfcApi.document("runs", null, attributes, relationships), false);
    if (r.code() == 404) {
      throw new AgentException("agent " + api.agent() + ": creating a run in workspace " + job.workspace()
          + ": Terraform Cloud answered 404: the workspace was not found or the token cannot start runs in it; "
          + "use a team or user token (organization tokens never can) whose team may queue runs there", false);
    }
    if (!r.successful()) {
      throw api.failure(r, "creating a run in workspace " + job.workspace(), "workspace " + job.workspace());
    }
    String id = JsonPath.string(TfcApi.data(r), "id");
    if (id == null) {
      throw new AgentException("agent " + api.agent() + ": Terraform Cloud created a run but gave no id", false);
    }
    return id;
  }

  /** The run's status: GET /runs/{id} (with its workspace, for the link), never the run list. */
  static PollResult poll(TfcApi api, String address, String ref) throws AgentException {
    String id = checked(api, ref);
    ApiResponse r = api.get("/runs/" + id + "?include=workspace");
    if (r.code() == 404) {
      return PollResult.of(dev.ctrl.model.JobStatus.EXTERNAL_RUN_NOT_FOUND, "run " + id
          + " was not found or the token cannot see it (Terraform Cloud answers 404 to both)");
    }
    if (!r.successful()) {
      throw api.failure(r, "reading run " + id, "run " + id);
    }
    Map<String, Object> attributes = JsonPath.object(TfcApi.data(r), "attributes");
    RunStatus.Mapped m = RunStatus.of(id, attributes == null ? Map.of() : attributes);
    Map<String, String> links = new LinkedHashMap<>();
    String link = link(address, id, r.json());
    if (link != null) {
      links.put("run", link);
    }
    return new PollResult(m.status(), m.message(), links);
  }

  /**
   * The run's page: {address}/app/{organization}/workspaces/{workspace}/runs/{id}, from the
   * included workspace (its name and its organization's, which is the organization's id).
   */
  private static String link(String address, String id, Map<String, Object> doc) {
    for (Object o : JsonPath.list(doc, "included")) {
      if ("workspaces".equals(JsonPath.string(o, "type"))) {
        String ws = JsonPath.string(o, "attributes", "name");
        String org = JsonPath.string(o, "relationships", "organization", "data", "id");
        if (ws != null && org != null) {
          return address + "/app/" + org + "/workspaces/" + ws + "/runs/" + id;
        }
      }
    }
    return null;
  }

  /**
   * Stops the run: cancel while it plans or applies, discard while it waits (for its turn or for
   * confirmation); a run that already ended is left alone.
   */
  static void cancel(TfcApi api, String ref) throws AgentException {
    String id = checked(api, ref);
    for (int attempt = 0; attempt < 2; attempt++) {
      ApiResponse r = api.get("/runs/" + id);
      if (!r.successful()) {
        throw api.failure(r, "reading run " + id + " to cancel it", "run " + id);
      }
      Map<String, Object> data = TfcApi.data(r);
      String status = JsonPath.string(data, "attributes", "status");
      if (RunStatus.terminal(status)) {
        return;
      }
      String action = JsonPath.bool(data, "attributes", "actions", "is-cancelable") ? "cancel"
          : JsonPath.bool(data, "attributes", "actions", "is-discardable") ? "discard" : null;
      if (action == null) {
        throw new AgentException("agent " + api.agent() + ": run " + id + " is " + status
            + " and Terraform Cloud allows neither cancel nor discard now; try again in a moment", true);
      }
      ApiResponse done = api.write("POST", "/runs/" + id + "/actions/" + action,
          Map.of("comment", "cancelled by ctrl"), false);
      if (done.successful()) {
        return;
      }
      if (done.code() != 409) {
        throw api.failure(done, action + " run " + id, "run " + id);
      }
      // 409: the run moved on meanwhile; read it again and pick the action that fits now
    }
    throw new AgentException("agent " + api.agent() + ": run " + id + " could not be stopped: Terraform Cloud "
        + "refused twice (HTTP 409, not in a state to cancel or discard); try again", true);
  }

  /** The run of a workspace whose message holds marker (the job id), among its newest runs. */
  static Optional<String> findByMessage(TfcApi api, String workspaceId, String workspaceName, String marker)
      throws AgentException {
    ApiResponse r = api.get("/workspaces/" + workspaceId + "/runs?page%5Bsize%5D=" + FIND_PAGE);
    if (!r.successful()) {
      throw api.failure(r, "listing the runs of workspace " + workspaceName, "workspace " + workspaceName);
    }
    List<?> runs = JsonPath.list(r.json(), "data");
    for (Object run : runs) {
      String message = JsonPath.string(run, "attributes", "message");
      // the marker ends at a non-id character, so job "ab" never matches a run of job "abc"
      if (message != null && (message.equals(marker) || message.startsWith(marker + ":"))) {
        return Optional.ofNullable(JsonPath.string(run, "id"));
      }
    }
    return Optional.empty();
  }

  /** A reference that is not a run id would put anything into a URL path. */
  private static String checked(TfcApi api, String ref) throws AgentException {
    if (ref == null || !RUN_ID.matcher(ref).matches()) {
      throw new AgentException("agent " + api.agent() + ": \"" + ref + "\" is not a Terraform Cloud run id", false);
    }
    return ref;
  }
}
