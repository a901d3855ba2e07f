package dev.ctrl.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML nodes as plain Java data (Map, List, String, Long, Double, Boolean, null).
 *
 * <p>Only `true` and `false` become booleans: YAML 1.1's `yes`/`no`/`on`/`off` stay strings, so a
 * country code `NO` in metadata is not silently turned into false.
 */
final class PlainData {
  /** Keys that hold secrets wherever they appear in agent configuration. */
  static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("token", "password", "apiKey", "appKey", "bearerToken");

  private PlainData() {}

  static Object of(DocContext doc, Node node, String path, boolean templates) {
    if (node instanceof MappingNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
        if (key == null) {
          if (doc != null) {
            doc.error(t.getKeyNode(), path, "field names must be plain strings");
          }
          continue;
        }
        String child = path.isEmpty() ? key : path + "." + key;
        if (out.containsKey(key)) {
          if (doc != null) {
            doc.error(t.getKeyNode(), child, "field is given twice");
          }
          continue;
        }
        if (templates && doc != null && SECRET_KEYS.contains(key) && t.getValueNode() instanceof ScalarNode v
            && !v.getTag().equals(Tag.NULL) && !dev.ctrl.model.SecretRef.isReference(v.getValue())) {
          // agent config is merged into the agent's at dispatch: a literal token here would be stored
          doc.error(v, child, dev.ctrl.model.SecretRef.LITERAL_REJECTED);
        }
        out.put(key, of(doc, t.getValueNode(), child, templates));
      }
      return out;
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Node item : s.getValue()) {
        out.add(of(doc, item, path + "[" + i++ + "]", templates));
      }
      return out;
    }
    ScalarNode s = (ScalarNode) node;
    return scalar(doc, s, path, templates);
  }

  private static Object scalar(DocContext doc, ScalarNode s, String path, boolean templates) {
    Tag tag = s.getTag();
    String v = s.getValue();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL) && (v.equals("true") || v.equals("false"))) {
      return Boolean.parseBoolean(v);
    }
    if (tag.equals(Tag.INT)) {
      try {
        return Long.parseLong(v.replace("_", ""));
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return Double.parseDouble(v.replace("_", ""));
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (templates && doc != null) {
      Templates.record(doc, s, path, v);
    }
    return v;
  }
}
