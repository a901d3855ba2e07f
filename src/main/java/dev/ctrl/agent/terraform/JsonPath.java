package dev.ctrl.agent.terraform;

import java.util.List;
import java.util.Map;

/** Reading JSON:API documents parsed into maps and lists: a missing or mistyped step gives null. */
final class JsonPath {
  private JsonPath() {}

  /** The value at the path of object keys, or null. */
  static Object at(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  static String string(Object root, String... keys) {
    Object v = at(root, keys);
    return v == null ? null : String.valueOf(v);
  }

  static boolean bool(Object root, String... keys) {
    return Boolean.TRUE.equals(at(root, keys));
  }

  static List<?> list(Object root, String... keys) {
    return at(root, keys) instanceof List<?> l ? l : List.of();
  }
}
