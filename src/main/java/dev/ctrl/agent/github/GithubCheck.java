package dev.ctrl.agent.github;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * `ctrl agent check` for a github agent, with reads only: the token is accepted, the repository
 * is visible, the workflow exists and is active, and its file (read through the contents API at
 * `ref`) can be dispatched with a job_id input and names its runs with it ({@link WorkflowFile}).
 * Fields the agent document leaves to templates are checked per job only, and said so.
 */
final class GithubCheck {
  @FunctionalInterface
  interface ApiSource {
    GithubApi get() throws AgentException;
  }

  private final String agent;
  private final Map<String, Object> config;
  private final ApiSource apis;
  private final List<AgentCheck> out = new ArrayList<>();

  GithubCheck(String agent, Map<String, Object> config, ApiSource apis) {
    this.agent = agent;
    this.config = config;
    this.apis = apis;
  }

  List<AgentCheck> run() {
    String owner = text("owner");
    String repo = text("repo");
    String workflow = text("workflow");
    String branch = config.get("ref") == null ? "main" : text("ref");
    List<String> templated = new ArrayList<>();
    for (String k : List.of("owner", "repo", "workflow", "ref")) {
      if (text(k) != null && text(k).contains("{{")) {
        templated.add(k);
      }
    }
    if (owner == null || repo == null || workflow == null) {
      out.add(AgentCheck.failed("configuration", "agent " + agent + " needs owner, repo and workflow (in the agent, "
          + "or from every deployment's agentConfig); checked per job only"));
      return out;
    }
    GithubApi api;
    try {
      api = apis.get();
      out.add(AgentCheck.ok("token", "the reference " + config.get("token") + " resolves"));
    } catch (AgentException e) {
      out.add(AgentCheck.failed("token", e.getMessage()));
      return out;
    }
    if (templated.contains("owner") || templated.contains("repo")) {
      out.add(AgentCheck.ok("configuration", String.join(", ", templated) + " are templates: the repository and "
          + "workflow are known per job only, so they are not checked here"));
      return out;
    }
    try {
      if (!repository(api, owner, repo) || templated.contains("workflow")) {
        return out;
      }
      String path = workflow(api, owner, repo, workflow);
      if (path == null) {
        return out;
      }
      if (templated.contains("ref")) {
        out.add(AgentCheck.ok("workflow file", "ref is a template: the file is checked per job only"));
        return out;
      }
      file(api, owner, repo, path, branch);
    } catch (ApiException e) {
      out.add(AgentCheck.failed("GitHub", "agent " + agent + ": " + e.getMessage()
          + (e.rateLimited() ? "; try again after the limit lifts" : "; check apiUrl and try again")));
    }
    return out;
  }

  private boolean repository(GithubApi api, String owner, String repo) throws ApiException {
    String where = owner + "/" + repo;
    ApiResponse r = api.repository(owner, repo);
    if (!r.successful()) {
      out.add(AgentCheck.failed(r.code() == 401 ? "token" : "repository",
          GithubErrors.refused(agent, "reading " + where, r, where, String.valueOf(config.get("token"))).getMessage()));
      return false;
    }
    if (r.json().get("permissions") instanceof Map<?, ?> p && Boolean.FALSE.equals(p.get("push"))) {
      out.add(AgentCheck.failed("repository", "the token can read " + where + " but not write to it, and a dispatch "
          + "needs Actions: write (a classic token: the repo scope)"));
      return false;
    }
    out.add(AgentCheck.ok("repository", where + " is visible to the token"));
    return true;
  }

  /** The workflow file's path, or null when the workflow is missing or disabled. */
  private String workflow(GithubApi api, String owner, String repo, String workflow) throws ApiException {
    String where = owner + "/" + repo;
    ApiResponse r = api.workflow(owner, repo, workflow);
    if (r.code() == 404) {
      out.add(AgentCheck.failed("workflow", "agent " + agent + ": " + where + " has no workflow " + workflow
          + ": set workflow to the file name under .github/workflows (deploy.yml) or the workflow's numeric id"));
      return null;
    }
    if (!r.successful()) {
      out.add(AgentCheck.failed("workflow", GithubErrors.refused(agent, "reading workflow " + workflow + " in "
          + where, r, where, String.valueOf(config.get("token"))).getMessage()));
      return null;
    }
    Map<String, Object> w = r.json();
    String state = String.valueOf(w.get("state"));
    String path = w.get("path") instanceof String p ? p : ".github/workflows/" + workflow;
    if (!state.equals("active")) {
      out.add(AgentCheck.failed("workflow", w.get("name") + " (" + path + ") is " + state
          + ": enable it in the repository's Actions tab"));
      return null;
    }
    out.add(AgentCheck.ok("workflow", w.get("name") + " (" + path + ") is active"));
    return path;
  }

  private void file(GithubApi api, String owner, String repo, String path, String branch) throws ApiException {
    ApiResponse r = api.content(owner, repo, path, branch);
    if (r.code() == 404) {
      out.add(AgentCheck.failed("workflow file", owner + "/" + repo + " has no " + path + " at ref " + branch
          + ": set ref to the branch or tag that holds the workflow"));
      return;
    }
    if (!r.successful() || !(r.json().get("content") instanceof String encoded)) {
      out.add(AgentCheck.failed("workflow file", "could not read " + path + " at " + branch + " (HTTP " + r.code()
          + " " + ApiClient.vendorMessage(r) + ")"));
      return;
    }
    String yaml;
    try {
      yaml = new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      out.add(AgentCheck.failed("workflow file", path + " came back in an encoding ctrl does not read"));
      return;
    }
    Set<String> inputs = new LinkedHashSet<>();
    if (config.get("inputs") instanceof Map<?, ?> m) {
      m.keySet().forEach(k -> inputs.add(String.valueOf(k)));
    }
    inputs.remove("job_id");
    out.addAll(WorkflowFile.inspect(yaml, path, inputs));
  }

  private String text(String key) {
    Object v = config.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
