package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the job's variables into its workspace (EXTERNAL-APIS.md 3.4): list, match by key and
 * category, create what is missing and PATCH what differs. A sensitive variable reads back with
 * value null, so it cannot be compared and is PATCHed every time. Variables of the workspace that
 * the agent does not declare are left alone: they may be managed elsewhere.
 */
final class WorkspaceVariables {
  private WorkspaceVariables() {}

  /** What was done, for tests and messages: "created x", "updated y", "unchanged z". */
  static List<String> upsert(TfcApi api, String workspaceId, String workspaceName, List<JobSettings.Variable> wanted)
      throws AgentException {
    List<String> done = new ArrayList<>();
    if (wanted.isEmpty()) {
      return done;
    }
    Map<String, Map<String, Object>> existing = list(api, workspaceId, workspaceName);
    for (JobSettings.Variable v : wanted) {
      Map<String, Object> current = existing.get(v.category() + "/" + v.key());
      if (current == null) {
        ApiResponse r = api.write("POST", "/workspaces/" + workspaceId + "/vars",
            TfcApi.document("vars", null, attributes(v, true), null), false);
        if (r.successful()) {
          done.add("created " + v.key());
          continue;
        }
        if (r.code() != 422) {
          throw api.failure(r, "creating variable " + v.key() + " in workspace " + workspaceName,
              "workspace " + workspaceName);
        }
        // created meanwhile by another job of this workspace: update that one
        current = list(api, workspaceId, workspaceName).get(v.category() + "/" + v.key());
        if (current == null) {
          throw api.failure(r, "creating variable " + v.key() + " in workspace " + workspaceName,
              "workspace " + workspaceName);
        }
      }
      if (!v.sensitive() && !JsonPath.bool(current, "attributes", "sensitive") && same(v, current)) {
        done.add("unchanged " + v.key());
        continue;
      }
      String id = JsonPath.string(current, "id");
      ApiResponse r = api.write("PATCH", "/workspaces/" + workspaceId + "/vars/" + id,
          TfcApi.document("vars", id, attributes(v, false), null), true);
      if (!r.successful()) {
        throw api.failure(r, "updating variable " + v.key() + " in workspace " + workspaceName,
            "variable " + v.key() + " (" + id + ")");
      }
      done.add("updated " + v.key());
    }
    return done;
  }

  /** The workspace's variables by "category/key". */
  private static Map<String, Map<String, Object>> list(TfcApi api, String workspaceId, String workspaceName)
      throws AgentException {
    ApiResponse r = api.get("/workspaces/" + workspaceId + "/vars");
    if (!r.successful()) {
      throw api.failure(r, "listing the variables of workspace " + workspaceName, "workspace " + workspaceName);
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object o : JsonPath.list(r.json(), "data")) {
      Map<String, Object> m = JsonPath.object(o);
      if (m != null) {
        out.put(JsonPath.string(m, "attributes", "category") + "/" + JsonPath.string(m, "attributes", "key"), m);
      }
    }
    return out;
  }

  private static boolean same(JobSettings.Variable v, Map<String, Object> current) {
    return Objects.equals(v.value(), JsonPath.string(current, "attributes", "value"))
        && v.hcl() == JsonPath.bool(current, "attributes", "hcl")
        && (v.description() == null || v.description().equals(JsonPath.string(current, "attributes", "description")));
  }

  /**
   * A variable's attributes. An update never sends sensitive: false, which Terraform Cloud
   * refuses for a sensitive variable (a sensitive variable stays sensitive).
   */
  private static Map<String, Object> attributes(JobSettings.Variable v, boolean create) {
    Map<String, Object> a = new LinkedHashMap<>();
    if (create) {
      a.put("key", v.key());
      a.put("category", v.category());
    }
    a.put("value", v.value());
    a.put("hcl", v.hcl());
    if (create || v.sensitive()) {
      a.put("sensitive", v.sensitive());
    }
    if (v.description() != null) {
      a.put("description", v.description());
    }
    return a;
  }
}
