package dev.ctrl.config;

import dev.ctrl.model.agents.AgentConfig;
import dev.ctrl.model.agents.ArgoCdAgentConfig;
import dev.ctrl.model.agents.ExecAgentConfig;
import dev.ctrl.model.agents.GithubAgentConfig;
import dev.ctrl.model.agents.TerraformCloudAgentConfig;
import dev.ctrl.model.agents.TerraformCloudAgentConfig.TerraformVariable;
import dev.ctrl.model.agents.TerraformCloudAgentConfig.VcsRepo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Binds the kind-specific block of a JobAgent document. */
final class AgentBinder {
  private AgentBinder() {}

  /** What an empty block of each kind lacks. */
  static String needs(String kind) {
    return switch (kind) {
      case "exec" -> "an exec agent needs command";
      case "github" -> "a github agent needs owner, repo, workflow and token";
      case "argocd" -> "an argocd agent needs server and credentials";
      default -> "a terraformCloud agent needs organization, workspace and token";
    };
  }

  static AgentConfig bind(ObjNode o, String kind) {
    if (o == null) {
      return null;
    }
    return switch (kind) {
      case "exec" -> exec(o);
      case "github" -> github(o);
      case "argocd" -> argocd(o);
      default -> terraformCloud(o);
    };
  }

  /**
   * Validates a remote agent's pollInterval. The loop reads it from the stored document (see
   * rollout.Agents), so the model records do not carry it.
   */
  private static void pollInterval(ObjNode o) {
    Duration d = o.duration("pollInterval", null, false);
    if (d != null && d.isZero()) {
      o.doc.error(o.keyNode("pollInterval"), o.childPath("pollInterval"), "must be longer than 0s");
    }
  }

  private static ExecAgentConfig exec(ObjNode o) {
    o.allow(ConfigFields.EXEC_AGENT);
    return new ExecAgentConfig(o.strings("command", true, true), o.stringMap("env", true), o.template("workingDir", false),
        o.duration("timeout", Duration.ofMinutes(10), false));
  }

  private static GithubAgentConfig github(ObjNode o) {
    o.allow(ConfigFields.GITHUB_AGENT);
    pollInterval(o);
    String ref = o.template("ref", false);
    return new GithubAgentConfig(o.template("owner", true), o.template("repo", true), o.template("workflow", true),
        ref == null ? "main" : ref, o.stringMap("inputs", true),
        o.secret("token", true), o.string("apiUrl", "https://api.github.com"));
  }

  private static ArgoCdAgentConfig argocd(ObjNode o) {
    o.allow(ConfigFields.ARGOCD_AGENT);
    pollInterval(o);
    String token = o.secret("token", false);
    String username = o.template("username", false);
    String password = o.secret("password", false);
    if (token == null && (username == null || password == null) && !o.has("token")) {
      o.doc.error(o.node, o.path, "needs token, or username and password, to log in to Argo CD");
    }
    if (token != null && (username != null || password != null)) {
      o.doc.error(o.keyNode("token"), o.childPath("token"), "give either token or username and password, not both");
    }
    return new ArgoCdAgentConfig(o.requiredString("server"), token, username, password, o.string("project", "default"),
        o.template("application", false), o.bool("wait", true));
  }

  private static TerraformCloudAgentConfig terraformCloud(ObjNode o) {
    o.allow(ConfigFields.TERRAFORM_CLOUD_AGENT);
    pollInterval(o);
    Map<String, TerraformVariable> variables = new LinkedHashMap<>();
    ObjNode vars = o.object("variables", false);
    if (vars != null) {
      for (String key : vars.keys()) {
        Node v = vars.value(key);
        if (v instanceof ScalarNode s && !ObjNode.isNull(s)) {
          Templates.record(o.doc, s, vars.childPath(key), s.getValue());
          variables.put(key, new TerraformVariable(s.getValue(), "terraform", false, false, null));
        } else {
          ObjNode var = ObjNode.of(o.doc, v, vars.childPath(key));
          if (var != null) {
            var.allow(ConfigFields.TERRAFORM_VARIABLE);
            boolean sensitive = var.bool("sensitive", false);
            String value = sensitive ? var.secret("value", true) : var.template("value", true);
            variables.put(key, new TerraformVariable(value, var.oneOf("category", "terraform", List.of("terraform", "env")),
                sensitive, var.bool("hcl", false), var.string("description")));
          }
        }
      }
    }
    VcsRepo vcs = null;
    ObjNode repo = o.object("vcsRepo", false);
    if (repo != null) {
      repo.allow(ConfigFields.VCS_REPO);
      vcs = new VcsRepo(repo.requiredString("identifier"), repo.string("branch"), repo.requiredString("oauthTokenId"));
    }
    boolean createWorkspace = o.bool("createWorkspace", true);
    String configuration = o.string("configuration");
    if (createWorkspace && vcs == null && configuration == null) {
      o.doc.error(o.node, o.path,
          "a workspace that ctrl creates needs vcsRepo or configuration, else its runs have nothing to plan (or set createWorkspace: false)");
    }
    return new TerraformCloudAgentConfig(o.string("address", "https://app.terraform.io"), o.requiredString("organization"),
        o.template("workspace", true), o.secret("token", true), variables, o.bool("autoApply", true), createWorkspace, vcs,
        configuration);
  }
}
