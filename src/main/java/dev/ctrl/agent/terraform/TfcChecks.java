package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * `ctrl agent check` for Terraform Cloud: with the agent document alone (no job), reads the
 * organization, the workspace when its name is not a template, and the token's permissions in
 * them; looks at the configuration directory and at the secret references of the variables.
 * Nothing is created or run.
 */
final class TfcChecks {
  private final TfcApi api;
  private final Map<String, Object> config;
  private final AgentSupport support;

  TfcChecks(TfcApi api, Map<String, Object> config, AgentSupport support) {
    this.api = api;
    this.config = config;
    this.support = support;
  }

  List<AgentCheck> run() {
    List<AgentCheck> out = remote();
    // the local checks hold whatever the API answered
    if (config.get("configuration") != null) {
      out.add(configuration(String.valueOf(config.get("configuration"))));
    }
    out.addAll(secretVariables());
    return out;
  }

  /** The organization, then the workspace and the token's permissions; stops at the first that fails. */
  private List<AgentCheck> remote() {
    List<AgentCheck> out = new ArrayList<>();
    String org = config.get("organization") == null ? null : String.valueOf(config.get("organization"));
    if (org == null || !JobSettings.NAME.matcher(org).matches()) {
      out.add(AgentCheck.failed("organization", "\"" + org + "\" is not a Terraform Cloud organization name"));
      return out;
    }
    Map<String, Object> organization;
    try {
      ApiResponse r = api.get("/organizations/" + org);
      if (!r.successful()) {
        out.add(AgentCheck.failed("organization", strip(api.failure(r, "reading organization " + org,
            "organization " + org).getMessage())));
        return out;
      }
      organization = TfcApi.data(r);
      out.add(AgentCheck.ok("organization", "organization " + org + " is reachable at " + api.base() + " with the token"));
    } catch (AgentException e) {
      out.add(AgentCheck.failed("organization", strip(e.getMessage())));
      return out;
    }
    boolean create = JobSettings.bool(config.get("createWorkspace"), true);
    boolean canCreate = JsonPath.bool(organization, "attributes", "permissions", "can-create-workspace");
    String workspace = config.get("workspace") == null ? "" : String.valueOf(config.get("workspace"));
    if (workspace.contains("{{")) {
      out.add(AgentCheck.ok("workspace", "the name is a template (" + workspace + "): each job's workspace is read "
          + "(or created) when the job starts"));
      if (create) {
        out.add(canCreate ? AgentCheck.ok("create workspaces", "the token may create workspaces in " + org)
            : AgentCheck.failed("create workspaces", "the token may not create workspaces in " + org
                + " (permissions.can-create-workspace is false): give its team \"manage workspaces\", create the "
                + "workspaces beforehand and set createWorkspace: false, or use another token"));
      }
    } else {
      out.add(workspace(org, workspace, create, canCreate));
    }
    return out;
  }

  private AgentCheck workspace(String org, String name, boolean create, boolean canCreate) {
    try {
      ApiResponse r = api.get("/organizations/" + org + "/workspaces/" + name);
      if (r.code() == 404) {
        if (!create) {
          return AgentCheck.failed("workspace", "workspace " + name + " in " + org + " was not found or the token "
              + "cannot see it (Terraform Cloud answers 404 to both): create it, give the token's team access, or "
              + "set createWorkspace: true");
        }
        return canCreate ? AgentCheck.ok("workspace", "workspace " + name + " does not exist yet (or the token cannot "
            + "see it); the first job creates it, and the token may create workspaces")
            : AgentCheck.failed("workspace", "workspace " + name + " was not found or the token cannot see it, and "
                + "the token may not create workspaces in " + org + ": create it or give the token's team access");
      }
      if (!r.successful()) {
        return AgentCheck.failed("workspace", strip(api.failure(r, "reading workspace " + name,
            "workspace " + name).getMessage()));
      }
      Map<String, Object> ws = TfcApi.data(r);
      boolean autoApply = JobSettings.bool(config.get("autoApply"), true);
      if (!JsonPath.bool(ws, "attributes", "permissions", "can-queue-run")) {
        return AgentCheck.failed("workspace", "the token cannot start runs in workspace " + name
            + " (permissions.can-queue-run is false): use a team or user token whose team has plan or write access "
            + "there (organization tokens never can start runs)");
      }
      if (autoApply && !JsonPath.bool(ws, "attributes", "permissions", "can-queue-apply")) {
        return AgentCheck.failed("workspace", "the token can plan but not apply in workspace " + name
            + " (permissions.can-queue-apply is false) while autoApply is true: give its team write access, or set "
            + "autoApply: false and confirm runs in Terraform Cloud");
      }
      return AgentCheck.ok("workspace", "workspace " + name + " (" + JsonPath.string(ws, "id")
          + ") exists and the token can start runs in it");
    } catch (AgentException e) {
      return AgentCheck.failed("workspace", strip(e.getMessage()));
    }
  }

  private AgentCheck configuration(String dir) {
    if (dir.contains("{{")) {
      return AgentCheck.ok("configuration", "the directory is a template (" + dir + "): checked when each job starts");
    }
    Path p;
    try {
      p = ConfigurationUpload.directory(api.agent(), support.baseDir(), dir);
    } catch (AgentException e) {
      return AgentCheck.failed("configuration", strip(e.getMessage()));
    }
    if (!Files.isDirectory(p)) {
      return AgentCheck.failed("configuration", p + " is not a directory (relative paths start in the project "
          + "directory, the one holding .ctrl/)");
    }
    try {
      List<String> files = TarGz.files(p);
      long tf = files.stream().filter(f -> f.endsWith(".tf") || f.endsWith(".tf.json")).count();
      if (tf == 0) {
        return AgentCheck.failed("configuration", p + " holds no .tf file: a run would have nothing to plan");
      }
      return AgentCheck.ok("configuration", p + ": " + files.size() + " files (" + tf + " .tf) uploaded with each run");
    } catch (IOException e) {
      return AgentCheck.failed("configuration", "cannot read " + p + ": " + e.getMessage());
    }
  }

  /** Secret references in variables (sensitive values) must resolve here, where the loop runs. */
  private List<AgentCheck> secretVariables() {
    List<AgentCheck> out = new ArrayList<>();
    if (!(config.get("variables") instanceof Map<?, ?> vars)) {
      return out;
    }
    for (Map.Entry<?, ?> e : vars.entrySet()) {
      Object value = e.getValue() instanceof Map<?, ?> m ? m.get("value") : e.getValue();
      if (value == null || !String.valueOf(value).contains("${")) {
        continue;
      }
      String field = "variables." + e.getKey();
      try {
        support.secrets().resolve(String.valueOf(value));
        out.add(AgentCheck.ok(field, "its secret reference resolves"));
      } catch (SecretResolver.MissingSecret ex) {
        out.add(AgentCheck.failed(field, ex.getMessage() + ": set it where ctrl rollout runs"));
      }
    }
    return out;
  }

  /** Messages of the API start with "agent NAME: ", which the check's table already says. */
  private String strip(String message) {
    String prefix = "agent " + api.agent() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
