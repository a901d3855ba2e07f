package dev.ctrl.agent.argocd;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `ctrl agent check` for Argo CD, read-only: the server answers, the credentials are accepted,
 * the project exists and the account may read it, and the application template is valid YAML
 * with the fields an Application needs. Each failure says what to fix; the first that fails
 * skips the checks that depend on it.
 */
final class ArgoCdChecks {
  private final ArgoCdConnection argo;
  private final Map<String, Object> config;
  private final AgentSupport support;

  ArgoCdChecks(ArgoCdConnection argo, Map<String, Object> config, AgentSupport support) {
    this.argo = argo;
    this.config = config;
    this.support = support;
  }

  List<AgentCheck> run() {
    List<AgentCheck> out = new ArrayList<>();
    String project = ArgoCdConnection.project(config);
    try {
      ApiResponse version = argo.send(ApiRequest.get(argo.url("/api/version")));
      String v = JsonPath.text(version.json(), "Version");
      out.add(version.successful()
          ? AgentCheck.ok("server", argo.server() + " answers" + (v.isEmpty() ? "" : " (Argo CD " + v + ")"))
          : AgentCheck.failed("server", argo.server() + "/api/version answered HTTP " + version.code()
              + ArgoCdConnection.vendor(version) + ": is server the Argo CD URL (not the UI of a proxy)?"));
    } catch (AgentException e) {
      out.add(AgentCheck.failed(e.getMessage().contains("refused the") || e.getMessage().contains("login of user")
          ? "credentials" : "server", e.getMessage()));
      return out;
    }
    try {
      ApiResponse p = argo.send(ApiRequest.get(argo.url("/api/v1/projects/" + ArgoCdConnection.encode(project))));
      out.add(AgentCheck.ok("credentials", credentialsKind() + " accepted"));
      if (p.successful()) {
        out.add(AgentCheck.ok("project", "project " + project + " exists"));
      } else if (p.code() == 404) {
        out.add(AgentCheck.failed("project", "project " + project + " does not exist in Argo CD (HTTP 404"
            + ArgoCdConnection.vendor(p) + "): create it (argocd proj create " + project + ") or set project"));
      } else if (p.code() == 403) {
        out.add(AgentCheck.failed("project", "the account may not read project " + project + " (HTTP 403"
            + ArgoCdConnection.vendor(p) + "): grant it projects get, and applications get, create, update and "
            + "sync in " + project));
      } else {
        out.add(AgentCheck.failed("project", "reading project " + project + ": HTTP " + p.code()
            + ArgoCdConnection.vendor(p)));
      }
    } catch (AgentException e) {
      out.add(AgentCheck.failed("credentials", e.getMessage()));
      return out;
    }
    out.add(template());
    return out;
  }

  private String credentialsKind() {
    return config.get("token") != null ? "the token" : "the login of user " + config.get("username");
  }

  /** The template parses and has source and destination; placeholders are not rendered (no job here). */
  private AgentCheck template() {
    Object t = config.get("application");
    if (t == null || String.valueOf(t).isBlank()) {
      return AgentCheck.ok("application", "no template: each job syncs the existing application "
          + "<deployment>-<environment>-<resource>");
    }
    try {
      // no variables: placeholders stay as written, secret references are resolved (a missing one is a finding)
      Map<String, Object> app = ApplicationTemplate.render(String.valueOf(t), Map.of(), support);
      ApplicationTemplate.finish(app, "default", "check", Map.of("deployment", Map.of("name", "check")));
      return AgentCheck.ok("application", "the template is an Application with source and destination");
    } catch (AgentException e) {
      return AgentCheck.failed("application", e.getMessage());
    }
  }
}
