package dev.ctrl.verify.datadog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Datadog's v1 metrics query as EXTERNAL-APIS.md sections 5 and 8 describe it: both key headers
 * required on every request (403 `{"errors":["Forbidden"]}` otherwise), `from`/`to`/`query`
 * required (400), answers scripted per query with `pointlist` entries `[ms, value|null]` and a
 * `unit` array holding null, and per-route faults: 429 with the X-RateLimit-* headers and no
 * Retry-After, 5xx, slow answers.
 */
final class FakeDatadog extends Dispatcher {
  record Seen(String path, Map<String, String> params, String apiKey, String appKey) {}

  static final String API_KEY = "dd-api-key-0123456789abcdef";
  static final String APP_KEY = "dd-app-key-fedcba9876543210";

  private final Map<String, String> series = new HashMap<>();
  private final Deque<MockResponse> faults = new ArrayDeque<>();
  final List<Seen> seen = new ArrayList<>();

  /** The `series` array (JSON) a query answers with; an unknown query has no series. */
  synchronized void answer(String query, String seriesJson) {
    series.put(query, seriesJson);
  }

  synchronized void fault(MockResponse response) {
    faults.add(response);
  }

  /** A series as the API writes it: `[[ms, value], ...]` in pointsJson, unit [primary, null]. */
  static String series(String metric, String scope, String pointsJson) {
    return """
        {"metric":"%s","display_name":"%s","expression":"avg:%s{%s}","scope":"%s","tag_set":[%s],"aggr":"avg",
         "query_index":0,"attributes":{},"start":0,"end":0,"interval":60,"length":3,"pointlist":%s,
         "unit":[{"family":"percentage","name":"percent","short_name":"%%","plural":"percent","scale_factor":1,"id":17},null]}"""
        .formatted(metric, metric, metric, scope, scope, scope.equals("*") ? "" : "\"" + scope + "\"", pointsJson);
  }

  static MockResponse rateLimited(String resetSeconds) {
    return new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .addHeader("X-RateLimit-Limit", "100").addHeader("X-RateLimit-Period", "60")
        .addHeader("X-RateLimit-Remaining", "0").addHeader("X-RateLimit-Reset", resetSeconds)
        .addHeader("X-RateLimit-Name", "query_timeseries")
        .body("{\"errors\":[\"Rate limit of 100 requests in 60 seconds reached. Please try again later.\"]}").build();
  }

  static MockResponse serverError(int code) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body("{\"errors\":[\"Internal Server Error\"]}").build();
  }

  static MockResponse slow(long seconds) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body("{\"status\":\"ok\",\"series\":[]}").headersDelay(seconds, TimeUnit.SECONDS).build();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    Map<String, String> params = new HashMap<>();
    for (String name : url.queryParameterNames()) {
      params.put(name, url.queryParameter(name));
    }
    String apiKey = request.getHeaders().get("DD-API-KEY");
    String appKey = request.getHeaders().get("DD-APPLICATION-KEY");
    seen.add(new Seen(url.encodedPath(), params, apiKey, appKey));
    if (!API_KEY.equals(apiKey) || !APP_KEY.equals(appKey)) {
      // it echoes the credential it rejected (as some proxies in front of it do): whatever ctrl shows
      // of this answer must still not contain a secret
      return json(403, "{\"errors\":[\"Forbidden: DD-API-KEY " + apiKey + ", DD-APPLICATION-KEY " + appKey + "\"]}");
    }
    if (!faults.isEmpty()) {
      return faults.poll();
    }
    if (!"GET".equals(request.getMethod()) || !url.encodedPath().equals("/api/v1/query")) {
      return json(404, "{\"errors\":[\"Not found\"]}");
    }
    for (String required : List.of("from", "to", "query")) {
      if (params.get(required) == null || params.get(required).isBlank()) {
        return json(400, "{\"errors\":[\"The parameter '" + required + "' is required\"]}");
      }
    }
    long from = Long.parseLong(params.get("from"));
    long to = Long.parseLong(params.get("to"));
    if (to > 99_999_999_999L || from > to) {
      return json(400, "{\"errors\":[\"Invalid 'from'/'to': expected seconds since the epoch, from <= to\"]}");
    }
    String q = params.get("query");
    if (q.contains("{{")) {
      return json(200, "{\"status\":\"error\",\"res_type\":\"time_series\",\"error\":\"Error parsing query: unable to parse "
          + q + "\",\"series\":[]}");
    }
    String s = series.getOrDefault(q, "");
    return json(200, """
        {"status":"ok","res_type":"time_series","resp_version":1,"query":"%s","from_date":%d,"to_date":%d,
         "message":"","group_by":[],"series":[%s],"times":[],"values":[]}"""
        .formatted(q.replace("\"", "\\\""), from * 1000, to * 1000, s));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
