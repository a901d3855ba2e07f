package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** `k=v` flags: flat (`--metadata`, `--link`) or dotted into nested objects (`--config a.b=v`). */
final class KeyValues {
  private KeyValues() {}

  static Map<String, Object> flat(String flag, List<String> pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : pairs) {
      String[] kv = split(flag, p);
      out.put(kv[0], kv[1]);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> dotted(String flag, List<String> pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : pairs) {
      String[] kv = split(flag, p);
      String[] path = kv[0].split("\\.");
      Map<String, Object> cur = out;
      for (int i = 0; i < path.length - 1; i++) {
        if (path[i].isEmpty()) {
          throw CtrlException.usage(flag + " " + p + ": the key has an empty part");
        }
        Object next = cur.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        if (!(next instanceof Map)) {
          throw CtrlException.usage(flag + " " + p + ": \"" + path[i] + "\" is already set to a value");
        }
        cur = (Map<String, Object>) next;
      }
      cur.put(path[path.length - 1], kv[1]);
    }
    return out;
  }

  private static String[] split(String flag, String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw CtrlException.usage(flag + " \"" + pair + "\" is not KEY=VALUE");
    }
    return new String[] {pair.substring(0, eq), pair.substring(eq + 1)};
  }
}
