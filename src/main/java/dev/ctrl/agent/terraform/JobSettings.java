package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one job asks of Terraform Cloud, read from the merged configuration (agent < deployment <
 * version) and rendered over the job's variables: `{{ }}` templates filled in, `${env:}` and
 * `${file:}` references resolved now (a sensitive value exists only in this object, for this call).
 *
 * @param configuration the directory to upload for each run, relative to the project directory; or null
 */
record JobSettings(String organization, String workspace, List<Variable> variables, boolean autoApply,
    boolean createWorkspace, VcsRepo vcsRepo, String configuration) {
  /** Workspace and organization names: letters, digits, `-` and `_` (Terraform Cloud's rule). */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,90}");

  record Variable(String key, String value, String category, boolean sensitive, boolean hcl, String description) {}

  record VcsRepo(String identifier, String branch, String oauthTokenId) {}

  /** The job's settings; a field that cannot be rendered or is malformed is a non-retryable error naming it. */
  static JobSettings of(String agent, Map<String, Object> config, Map<String, Object> vars, AgentSupport support)
      throws AgentException {
    String organization = name(agent, "organization", text(agent, config, "organization", vars, support));
    String workspace = name(agent, "workspace", text(agent, config, "workspace", vars, support));
    List<Variable> variables = new ArrayList<>();
    if (config.get("variables") instanceof Map<?, ?> declared) {
      for (Map.Entry<?, ?> e : declared.entrySet()) {
        variables.add(variable(agent, String.valueOf(e.getKey()), e.getValue(), vars, support));
      }
    }
    VcsRepo vcs = null;
    if (config.get("vcsRepo") instanceof Map<?, ?> repo) {
      vcs = new VcsRepo(render(agent, repo.get("identifier"), "vcsRepo.identifier", vars, support),
          render(agent, repo.get("branch"), "vcsRepo.branch", vars, support),
          render(agent, repo.get("oauthTokenId"), "vcsRepo.oauthTokenId", vars, support));
    }
    return new JobSettings(organization, workspace, variables, bool(config.get("autoApply"), true),
        bool(config.get("createWorkspace"), true), vcs,
        render(agent, config.get("configuration"), "configuration", vars, support));
  }

  /** The values no output may show: sensitive variables'. */
  List<String> secrets() {
    return variables.stream().filter(Variable::sensitive).map(Variable::value).toList();
  }

  private static Variable variable(String agent, String key, Object declared, Map<String, Object> vars,
      AgentSupport support) throws AgentException {
    String field = "variables." + key;
    if (declared instanceof Map<?, ?> m) {
      String category = m.get("category") == null ? "terraform" : String.valueOf(m.get("category"));
      if (!category.equals("terraform") && !category.equals("env")) {
        throw new AgentException("agent " + agent + ": " + field + ".category: \"" + category
            + "\" is not terraform or env", false);
      }
      String value = render(agent, m.get("value"), field + ".value", vars, support);
      return new Variable(key, value == null ? "" : value, category, bool(m.get("sensitive"), false),
          bool(m.get("hcl"), false), m.get("description") == null ? null : String.valueOf(m.get("description")));
    }
    String value = render(agent, declared, field, vars, support);
    return new Variable(key, value == null ? "" : value, "terraform", false, false, null);
  }

  private static String text(String agent, Map<String, Object> config, String field, Map<String, Object> vars,
      AgentSupport support) throws AgentException {
    String v = render(agent, config.get(field), field, vars, support);
    if (v == null || v.isBlank()) {
      throw new AgentException("agent " + agent + ": " + field + " is not set", false);
    }
    return v;
  }

  private static String name(String agent, String field, String value) throws AgentException {
    if (!NAME.matcher(value).matches()) {
      throw new AgentException("agent " + agent + ": " + field + ": \"" + value
          + "\" is not a Terraform Cloud name (1-90 letters, digits, - and _)", false);
    }
    return value;
  }

  private static String render(String agent, Object value, String field, Map<String, Object> vars,
      AgentSupport support) throws AgentException {
    if (value == null) {
      return null;
    }
    try {
      return support.render(String.valueOf(value), vars, field);
    } catch (AgentException e) {
      throw new AgentException("agent " + agent + ": " + e.getMessage(), false);
    }
  }

  /** A YAML boolean, or its text when a version's agentConfig wrote "false". */
  static boolean bool(Object v, boolean fallback) {
    if (v instanceof Boolean b) {
      return b;
    }
    return v == null ? fallback : Boolean.parseBoolean(String.valueOf(v).strip());
  }
}
