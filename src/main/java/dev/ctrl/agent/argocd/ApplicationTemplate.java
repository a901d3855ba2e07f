package dev.ctrl.agent.argocd;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.json.JsonPath;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the agent's `application` template into the Application ctrl upserts.
 *
 * <p>The YAML is parsed first and each string value rendered on its own, rather than the text
 * rendered and then parsed: a value (a version tag, a resource's metadata) can then hold any
 * character, `: ` or a newline included, without breaking the document or adding fields to it.
 * The price: a placeholder must sit inside a YAML string (`name: "{{ deployment.name }}"`), as
 * YAML demands anyway for a value that starts with `{`.
 */
final class ApplicationTemplate {
  /** The label that carries the job id, so that `find` can list the application of a job. */
  static final String JOB_LABEL = "ctrl.dev/job-id";

  private ApplicationTemplate() {}

  /** The template parsed and rendered over the job's variables; errors name the field under `application`. */
  static Map<String, Object> render(String template, Map<String, Object> variables, AgentSupport support)
      throws AgentException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(50);
      root = new Yaml(options).compose(new StringReader(template));
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
      throw new AgentException("application: not valid YAML" + where + ": " + e.getProblem()
          + " (a {{ }} placeholder must be inside quotes: name: \"{{ deployment.name }}\")", false);
    } catch (YAMLException e) {
      throw new AgentException("application: not valid YAML: " + e.getMessage(), false);
    }
    if (!(root instanceof MappingNode)) {
      throw new AgentException("application: must be a YAML mapping with metadata and spec (an Argo CD Application)",
          false);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> app = (Map<String, Object>) value(root, "application", variables, support);
    return app;
  }

  private static Object value(Node node, String path, Map<String, Object> variables, AgentSupport support)
      throws AgentException {
    if (node instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
          // `name: {{ x }}` is valid YAML: a flow mapping whose key is a mapping
          throw new AgentException(path + ": line " + (t.getKeyNode().getStartMark().getLine() + 1) + ": a {{ }} "
              + "placeholder must be inside quotes: name: \"{{ deployment.name }}\"", false);
        }
        String key = keyNode.getValue();
        out.put(key, value(t.getValueNode(), path + "." + key, variables, support));
      }
      return out;
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(value(s.getValue().get(i), path + "[" + i + "]", variables, support));
      }
      return out;
    }
    ScalarNode scalar = (ScalarNode) node;
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    // only plain scalars carry an implicit type; quoted ones are strings
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL) && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)); // yes/no/on/off stay strings
    }
    if (tag.equals(Tag.INT)) {
      try {
        return Long.parseLong(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text; // octal, hex, sexagesimal: left as written
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return Double.parseDouble(text.replace("_", ""));
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return support.render(text, variables, path);
  }

  /**
   * Makes the rendered template (or an existing application) the body to upsert: the name
   * sanitised (the default when the template has none), the job label added, spec.project set
   * from `project` when the template leaves it empty.
   */
  static Map<String, Object> finish(Map<String, Object> app, String project, String jobId,
      Map<String, Object> variables) throws AgentException {
    Map<String, Object> metadata = mapAt(app, "metadata", "application.metadata");
    String name = JsonPath.text(metadata, "name");
    String sanitised = sanitise(name.isBlank() ? defaultName(variables) : name);
    if (sanitised.isEmpty()) {
      throw new AgentException("application.metadata.name: \"" + name + "\" has no letter or digit to name an "
          + "Argo CD application with", false);
    }
    metadata.put("name", sanitised);
    Map<String, Object> labels = mapAt(metadata, "labels", "application.metadata.labels");
    labels.put(JOB_LABEL, jobId);
    Map<String, Object> spec = mapAt(app, "spec", "application.spec");
    if (JsonPath.text(spec, "project").isBlank()) {
      spec.put("project", project);
    }
    if (spec.get("source") == null && spec.get("sources") == null) {
      throw new AgentException("application.spec.source: missing: the Application needs a source (repoURL, and "
          + "path or chart) or sources", false);
    }
    if (!(spec.get("destination") instanceof Map<?, ?> d) || (d.get("server") == null && d.get("name") == null)) {
      throw new AgentException("application.spec.destination: missing: set server (the cluster's API URL) or name "
          + "(the cluster's name in Argo CD)", false);
    }
    return app;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> mapAt(Map<String, Object> parent, String key, String path) throws AgentException {
    Object v = parent.get(key);
    if (v == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
    if (!(v instanceof Map<?, ?>)) {
      throw new AgentException(path + ": must be a mapping, not " + v, false);
    }
    return (Map<String, Object>) v;
  }

  /** deployment-environment-resource (the resource's identifier), before sanitising. */
  static String defaultName(Map<String, Object> variables) {
    return JsonPath.text(variables, "deployment", "name") + "-" + JsonPath.text(variables, "environment", "name") + "-"
        + JsonPath.text(variables, "resource", "identifier");
  }

  /**
   * A valid application name: lower case, letters, digits, `-` and `.`, starting and ending with a
   * letter or digit, at most 63 characters (Argo CD copies the name into a label value, which
   * allows no more); a longer name keeps its first 54 characters and a hash of the whole.
   */
  static String sanitise(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("-{2,}", "-")
        .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    if (s.length() <= 63) {
      return s;
    }
    String head = s.substring(0, 54).replaceAll("[^a-z0-9]+$", "");
    return head + "-" + sha256(raw).substring(0, 8);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
