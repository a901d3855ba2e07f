package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Finding a workspace by name and creating it when the agent may (EXTERNAL-APIS.md 3.3). */
final class Workspaces {
  private Workspaces() {}

  /** The workspace's id, or empty when Terraform Cloud answers 404 (missing, or hidden from the token). */
  static Optional<String> find(TfcApi api, String org, String name) throws AgentException {
    ApiResponse r = api.get("/organizations/" + org + "/workspaces/" + name);
    if (r.code() == 404) {
      return Optional.empty();
    }
    if (!r.successful()) {
      throw api.failure(r, "reading workspace " + name, "workspace " + name + " in organization " + org);
    }
    return Optional.ofNullable(JsonPath.string(TfcApi.data(r), "id"));
  }

  /**
   * The id of the job's workspace, created first when it does not exist and createWorkspace
   * allows. A workspace that exists is used as it is: its settings belong to whoever made it
   * (each run says auto-apply itself). Two jobs creating one workspace at once: the loser's 422
   * "has already been taken" reads the winner's.
   */
  static String ensure(TfcApi api, JobSettings job, String deployment) throws AgentException {
    Optional<String> found = find(api, job.organization(), job.workspace());
    if (found.isPresent()) {
      return found.get();
    }
    if (!job.createWorkspace()) {
      throw new AgentException("agent " + api.agent() + ": workspace " + job.workspace() + " in organization "
          + job.organization() + " was not found or the token cannot see it (Terraform Cloud answers 404 to both): "
          + "create it, give the token's team access to it, or set createWorkspace: true", false);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", job.workspace());
    attributes.put("auto-apply", job.autoApply());
    attributes.put("description", "Created by ctrl for deployment " + deployment + ".");
    if (job.vcsRepo() != null) {
      Map<String, Object> repo = new LinkedHashMap<>();
      repo.put("identifier", job.vcsRepo().identifier());
      repo.put("oauth-token-id", job.vcsRepo().oauthTokenId());
      if (job.vcsRepo().branch() != null) {
        repo.put("branch", job.vcsRepo().branch());
      }
      attributes.put("vcs-repo", repo);
    }
    ApiResponse r = api.write("POST", "/organizations/" + job.organization() + "/workspaces",
        TfcApi.document("workspaces", null, attributes, null), false);
    if (r.code() == 201 || r.code() == 200) {
      return JsonPath.string(TfcApi.data(r), "id");
    }
    if (r.code() == 422 && r.body().contains("already been taken")) {
      Optional<String> now = find(api, job.organization(), job.workspace());
      if (now.isPresent()) {
        return now.get();
      }
    }
    throw api.failure(r, "creating workspace " + job.workspace(), "organization " + job.organization());
  }
}
