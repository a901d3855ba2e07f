package dev.ctrl.http;

import dev.ctrl.json.JsonText;
import java.util.List;
import java.util.Map;

/** A vendor's answer: status, headers (names lower-cased) and the body as text. */
public record ApiResponse(int code, Map<String, List<String>> headers, String body) {
  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public boolean successful() {
    return code >= 200 && code < 300;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as a JSON object, or an empty map when it is empty or not an object. */
  public Map<String, Object> json() {
    String trimmed = body == null ? "" : body.trim();
    if (!trimmed.startsWith("{")) {
      return Map.of();
    }
    try {
      return JsonText.parseObject(trimmed);
    } catch (RuntimeException e) {
      return Map.of();
    }
  }
}
