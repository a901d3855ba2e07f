package dev.ctrl.json;

import java.util.List;
import java.util.Map;

/**
 * Reading parsed JSON (maps and lists, as JsonText gives them) by a path of object keys: a missing
 * or mistyped step gives null (or "", an empty list, false), never an error. Vendor answers are
 * read this way: a field they leave out is not a crash.
 */
public final class JsonPath {
  private JsonPath() {}

  /** The value at the path of object keys, or null. */
  public static Object at(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  /** The value as a string, or null when missing. */
  public static String string(Object root, String... keys) {
    Object v = at(root, keys);
    return v == null ? null : String.valueOf(v);
  }

  /** The value as a string, or "" when missing. */
  public static String text(Object root, String... keys) {
    Object v = at(root, keys);
    return v == null ? "" : String.valueOf(v);
  }

  public static boolean bool(Object root, String... keys) {
    return Boolean.TRUE.equals(at(root, keys));
  }

  /** The object at the path, or null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object root, String... keys) {
    return at(root, keys) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** The list at the path, or an empty list. */
  public static List<?> list(Object root, String... keys) {
    return at(root, keys) instanceof List<?> l ? l : List.of();
  }
}
