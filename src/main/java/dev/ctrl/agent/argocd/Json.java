package dev.ctrl.agent.argocd;

import java.util.List;
import java.util.Map;

/** Reading the loosely typed maps of an Argo CD Application: a missing field is null, never an error. */
final class Json {
  private Json() {}

  /** The value at a path of keys, or null when any step is missing or not an object. */
  static Object at(Object root, String... path) {
    Object cur = root;
    for (String key : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(key);
    }
    return cur;
  }

  /** The string at a path, or "" when missing. */
  static String text(Object root, String... path) {
    Object v = at(root, path);
    return v == null ? "" : String.valueOf(v);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object root, String... path) {
    Object v = at(root, path);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  static List<?> list(Object root, String... path) {
    Object v = at(root, path);
    return v instanceof List<?> l ? l : List.of();
  }
}
