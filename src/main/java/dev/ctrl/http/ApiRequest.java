package dev.ctrl.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to a vendor API. `idempotent` says whether the call may be sent again after a 5xx or a
 * network error: reads may; a dispatch, a run or a sync may not (it may already have happened,
 * so the caller re-queries state instead). A rate-limited call is always safe to send again: the
 * vendor refused it before acting.
 */
public record ApiRequest(String method, String url, Map<String, String> headers, byte[] body, String contentType,
    boolean idempotent) {
  public ApiRequest {
    headers = Map.copyOf(headers);
  }

  public static ApiRequest get(String url) {
    return new ApiRequest("GET", url, Map.of(), null, null, true);
  }

  /** A call with a JSON body; not idempotent unless {@link #idempotent(boolean)} says so. */
  public static ApiRequest json(String method, String url, String json) {
    return new ApiRequest(method, url, Map.of(), json.getBytes(StandardCharsets.UTF_8), "application/json", false);
  }

  public ApiRequest header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiRequest(method, url, h, body, contentType, idempotent);
  }

  public ApiRequest contentType(String type) {
    return new ApiRequest(method, url, headers, body, type, idempotent);
  }

  public ApiRequest idempotent(boolean value) {
    return new ApiRequest(method, url, headers, body, contentType, value);
  }
}
