package dev.ctrl.config;

import dev.ctrl.model.Durations;
import dev.ctrl.model.Names;
import dev.ctrl.model.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * A YAML mapping being bound to a record: typed accessors that report every problem with its
 * position and field path, and return null (or the default) so binding can go on and find more.
 */
final class ObjNode {
  final DocContext doc;
  final MappingNode node;
  final String path;
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

  private ObjNode(DocContext doc, MappingNode node, String path) {
    this.doc = doc;
    this.node = node;
    this.path = path;
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        doc.error(t.getKeyNode(), path, "field names must be plain strings");
        continue;
      }
      if (fields.containsKey(key.getValue())) {
        doc.error(key, childPath(key.getValue()), "field is given twice");
        continue;
      }
      fields.put(key.getValue(), t);
    }
  }

  /** The mapping at node, or null after reporting that it is not a mapping. */
  static ObjNode of(DocContext doc, Node node, String path) {
    if (node instanceof MappingNode m) {
      return new ObjNode(doc, m, path);
    }
    doc.error(node, path, "must be an object (key: value pairs), not " + describe(node));
    return null;
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Reports every field not in known, with a did-you-mean hint. */
  void allow(Collection<String> known) {
    for (NodeTuple t : fields.values()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (!known.contains(key)) {
        doc.error(t.getKeyNode(), childPath(key), "unknown field" + DidYouMean.hint(key, known));
      }
    }
  }

  boolean has(String key) {
    NodeTuple t = fields.get(key);
    return t != null && !isNull(t.getValueNode());
  }

  Collection<String> keys() {
    return fields.keySet();
  }

  Node value(String key) {
    NodeTuple t = fields.get(key);
    return t == null ? null : t.getValueNode();
  }

  Node keyNode(String key) {
    NodeTuple t = fields.get(key);
    return t == null ? node : t.getKeyNode();
  }

  private void missing(String key) {
    doc.error(node, childPath(key), "is required");
  }

  // ---- scalars

  String string(String key) {
    return string(key, false);
  }

  String requiredString(String key) {
    return string(key, true);
  }

  private String string(String key, boolean required) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      if (required) {
        missing(key);
      }
      return null;
    }
    if (!(v instanceof ScalarNode s)) {
      doc.error(v, childPath(key), "must be a string, not " + describe(v));
      return null;
    }
    if (required && s.getValue().isBlank()) {
      doc.error(v, childPath(key), "must not be empty");
      return null;
    }
    return s.getValue();
  }

  String string(String key, String dflt) {
    String s = string(key, false);
    return s == null ? dflt : s;
  }

  String slug(String key, boolean required) {
    String s = string(key, required);
    if (s != null && !Names.isSlug(s)) {
      doc.error(value(key), childPath(key), badSlug(s));
      return null;
    }
    return s;
  }

  static String badSlug(String s) {
    return "\"" + s + "\" is not a valid name (lowercase letters, digits and '-', starting with a letter or digit, at most 63 characters)";
  }

  /** One of the allowed words; null after an error. */
  String oneOf(String key, String dflt, List<String> allowed) {
    String s = string(key, false);
    if (s == null) {
      return dflt;
    }
    if (!allowed.contains(s)) {
      doc.error(value(key), childPath(key), "\"" + s + "\" is not one of " + String.join(", ", allowed) + DidYouMean.hint(s, allowed));
      return dflt;
    }
    return s;
  }

  Integer integer(String key, Integer dflt, int min) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      return dflt;
    }
    if (v instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        java.math.BigInteger big = new java.math.BigInteger(s.getValue().replace("_", ""));
        if (big.bitLength() > 31) {
          doc.error(v, childPath(key), "must be between " + Math.max(min, Integer.MIN_VALUE) + " and "
              + Integer.MAX_VALUE + ", not " + s.getValue());
          return dflt;
        }
        int n = big.intValue();
        if (n < min) {
          doc.error(v, childPath(key), "must be at least " + min + ", not " + n);
          return dflt;
        }
        return n;
      } catch (NumberFormatException e) {
        // falls through to the type error
      }
    }
    doc.error(v, childPath(key), "must be a whole number, not " + describe(v));
    return dflt;
  }

  Double number(String key, double dflt, double min, double max) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      return dflt;
    }
    if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
      try {
        double n = Double.parseDouble(s.getValue().replace("_", ""));
        if (n < min || n > max) {
          doc.error(v, childPath(key), "must be between " + fmt(min) + " and " + fmt(max) + ", not " + s.getValue());
          return dflt;
        }
        return n;
      } catch (NumberFormatException e) {
        // falls through to the type error
      }
    }
    doc.error(v, childPath(key), "must be a number, not " + describe(v));
    return dflt;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  boolean bool(String key, boolean dflt) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      return dflt;
    }
    if (v instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
      return Boolean.parseBoolean(s.getValue());
    }
    String what = v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL) ? "\"" + s.getValue() + "\"" : describe(v);
    doc.error(v, childPath(key), "must be true or false, not " + what);
    return dflt;
  }

  Duration duration(String key, Duration dflt, boolean required) {
    String s = string(key, required);
    if (s == null) {
      return dflt;
    }
    Duration d = Durations.parse(s);
    if (d == null) {
      doc.error(value(key), childPath(key), "\"" + s + "\" is not a duration (" + Durations.HINT + ")");
      return dflt;
    }
    return d;
  }

  /** A secret: only `${env:NAME}` or `${file:PATH}` references are accepted, never literals. */
  String secret(String key, boolean required) {
    String s = string(key, required);
    if (s != null && !SecretRef.isReference(s)) {
      doc.error(value(key), childPath(key), SecretRef.LITERAL_REJECTED);
      return null;
    }
    return s;
  }

  /** A CEL expression, recorded for compilation at apply. */
  String expression(String key, boolean required, ExprSite.Kind kind) {
    String s = string(key, required);
    if (s != null && value(key) instanceof ScalarNode scalar) {
      doc.expression(scalar, childPath(key), s, kind);
    }
    return s;
  }

  /** A string that may hold `{{ }}` placeholders, recorded for compilation at apply. */
  String template(String key, boolean required) {
    String s = string(key, required);
    if (s != null && value(key) instanceof ScalarNode scalar) {
      Templates.record(doc, scalar, childPath(key), s);
    }
    return s;
  }

  // ---- collections

  /** The list at key, or null (after reporting why, when it is required or not a list). */
  private SequenceNode sequence(String key, boolean required, String what) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      if (required) {
        missing(key);
      }
      return null;
    }
    if (!(v instanceof SequenceNode seq)) {
      doc.error(v, childPath(key), "must be " + what + ", not " + describe(v));
      return null;
    }
    if (required && seq.getValue().isEmpty()) {
      doc.error(v, childPath(key), "must not be empty");
    }
    return seq;
  }

  List<String> strings(String key, boolean required, boolean templates) {
    SequenceNode seq = sequence(key, required, "a list of strings");
    if (seq == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Node item : seq.getValue()) {
      String itemPath = childPath(key) + "[" + i++ + "]";
      if (item instanceof ScalarNode s && !isNull(s)) {
        out.add(s.getValue());
        if (templates) {
          Templates.record(doc, s, itemPath, s.getValue());
        }
      } else {
        doc.error(item, itemPath, "must be a string, not " + describe(item));
      }
    }
    return out;
  }

  /** A list of names that must each be a slug. */
  List<String> slugs(String key, boolean required) {
    List<String> names = strings(key, required, false);
    if (value(key) instanceof SequenceNode seq) {
      for (int i = 0; i < names.size() && i < seq.getValue().size(); i++) {
        if (!Names.isSlug(names.get(i))) {
          doc.error(seq.getValue().get(i), childPath(key) + "[" + i + "]", badSlug(names.get(i)));
        }
      }
    }
    return names;
  }

  Map<String, String> stringMap(String key, boolean templates) {
    ObjNode obj = object(key, false);
    Map<String, String> out = new LinkedHashMap<>();
    if (obj == null) {
      return out;
    }
    for (String k : obj.keys()) {
      Node v = obj.value(k);
      if (v instanceof ScalarNode s && !isNull(s)) {
        out.put(k, s.getValue());
        if (templates) {
          Templates.record(doc, s, obj.childPath(k), s.getValue());
        }
      } else {
        doc.error(v, obj.childPath(k), "must be a string, not " + describe(v));
      }
    }
    return out;
  }

  /** Free-form data (metadata, config); templates inside are recorded when asked. */
  Map<String, Object> data(String key, boolean templates) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      return new LinkedHashMap<>();
    }
    if (!(v instanceof MappingNode)) {
      doc.error(v, childPath(key), "must be an object (key: value pairs), not " + describe(v));
      return new LinkedHashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) PlainData.of(doc, v, childPath(key), templates);
    return m;
  }

  ObjNode object(String key, boolean required) {
    Node v = value(key);
    if (v == null || isNull(v)) {
      if (required) {
        missing(key);
      }
      return null;
    }
    return of(doc, v, childPath(key));
  }

  /** Each item of a list of objects; non-objects are reported and skipped. */
  List<ObjNode> objects(String key, boolean required) {
    SequenceNode seq = sequence(key, required, "a list");
    if (seq == null) {
      return List.of();
    }
    List<ObjNode> out = new ArrayList<>();
    int i = 0;
    for (Node item : seq.getValue()) {
      ObjNode o = of(doc, item, childPath(key) + "[" + i++ + "]");
      out.add(o);
    }
    return out;
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  static String describe(Node n) {
    if (n instanceof MappingNode) {
      return "an object";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    Tag tag = s.getTag();
    if (tag.equals(Tag.NULL)) {
      return "null";
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "the number " + s.getValue();
    }
    if (tag.equals(Tag.BOOL)) {
      return "the boolean " + s.getValue();
    }
    return "the string \"" + s.getValue() + "\"";
  }
}
