package dev.ctrl.verify.prometheus;

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
 * A Prometheus HTTP API (v1) as EXTERNAL-APIS.md sections 4 and 8 describe it: GET and form POST
 * on /api/v1/query and /api/v1/query_range, the `success`/`error` envelope, string sample values,
 * parameter checks answered with `bad_data`, and per-route faults (422 execution, 503 timeout, a
 * proxy's HTML 502, slow answers, dropped connections). Optionally it sits behind a "proxy" that
 * wants an Authorization header, and answers 401 in HTML without it. Answers are scripted per
 * query text; an unknown query gives an empty result, as a real server does for an absent series.
 */
final class FakePrometheus extends Dispatcher {
  /** What one request carried, after form bodies were read as parameters. */
  record Seen(String method, String path, Map<String, String> params, String authorization, String userAgent) {}

  private final Map<String, String> answers = new HashMap<>();
  private final Map<String, Deque<MockResponse>> faults = new HashMap<>();
  final List<Seen> seen = new ArrayList<>();
  String requiredAuthorization;

  /** The `data` JSON a query answers with, e.g. {"resultType":"vector","result":[...]}; warnings are optional. */
  synchronized void answer(String query, String resultType, String resultJson, String... warnings) {
    StringBuilder w = new StringBuilder();
    for (String s : warnings) {
      w.append(w.length() == 0 ? "" : ",").append('"').append(s).append('"');
    }
    answers.put(query, "{\"status\":\"success\",\"data\":{\"resultType\":\"" + resultType + "\",\"result\":"
        + resultJson + "}" + (warnings.length == 0 ? "" : ",\"warnings\":[" + w + "]") + "}");
  }

  /** The next request to this path gets this response instead. */
  synchronized void fault(String path, MockResponse response) {
    faults.computeIfAbsent(path, p -> new ArrayDeque<>()).add(response);
  }

  static MockResponse error(int code, String type, String message) {
    return json(code, "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message.replace("\"", "\\\"")
        + "\"}");
  }

  static MockResponse proxyHtml(int code, String title) {
    return proxyHtml(code, title, null);
  }

  static MockResponse proxyHtml(int code, String title, String detail) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/html")
        .body("<html>\r\n<head><title>" + code + " " + title + "</title></head>\r\n<body>\r\n<center><h1>" + code + " "
            + title + "</h1></center>\r\n" + (detail == null ? "" : "<p>" + detail + "</p>\r\n")
            + "<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n").build();
  }

  static MockResponse slow(long seconds) {
    return json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}").newBuilder()
        .headersDelay(seconds, TimeUnit.SECONDS).build();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    Map<String, String> params = new HashMap<>();
    for (String name : url.queryParameterNames()) {
      params.put(name, url.queryParameter(name));
    }
    if ("POST".equals(request.getMethod()) && request.getBody() != null) {
      HttpUrl form = HttpUrl.parse("http://form/?" + request.getBody().utf8());
      for (String name : form.queryParameterNames()) {
        params.put(name, form.queryParameter(name));
      }
    }
    seen.add(new Seen(request.getMethod(), path, params, request.getHeaders().get("Authorization"),
        request.getHeaders().get("User-Agent")));
    String authorization = request.getHeaders().get("Authorization");
    if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
      // like a debugging auth proxy, it echoes the credentials it rejected: what ctrl shows of
      // this answer must still not contain a secret
      return proxyHtml(401, "Authorization Required", "rejected credentials: " + authorization);
    }
    Deque<MockResponse> f = faults.get(path);
    if (f != null && !f.isEmpty()) {
      return f.poll();
    }
    if (!path.endsWith("/api/v1/query") && !path.endsWith("/api/v1/query_range")) {
      return new MockResponse.Builder().code(404).body("404 page not found\n").build();
    }
    if (!"GET".equals(request.getMethod()) && !"POST".equals(request.getMethod())) {
      return error(405, "bad_data", "method not allowed");
    }
    String query = params.get("query");
    if (query == null || query.isBlank()) {
      return error(400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input");
    }
    if (query.contains("((")) {
      return error(400, "bad_data", "invalid parameter \"query\": 1:" + (query.indexOf("((") + 2)
          + ": parse error: unexpected \"(\"");
    }
    if (path.endsWith("/query_range")) {
      String bad = checkRange(params);
      if (bad != null) {
        return error(400, "bad_data", bad);
      }
    }
    String body = answers.get(query);
    return json(200, body != null ? body : "{\"status\":\"success\",\"data\":{\"resultType\":\""
        + (path.endsWith("/query_range") ? "matrix" : "vector") + "\",\"result\":[]}}");
  }

  private static String checkRange(Map<String, String> p) {
    double start;
    double end;
    double step;
    try {
      start = Double.parseDouble(p.get("start"));
      end = Double.parseDouble(p.get("end"));
    } catch (RuntimeException e) {
      return "invalid parameter \"start\": cannot parse \"" + p.get("start") + "\" to a valid timestamp";
    }
    try {
      step = Double.parseDouble(p.get("step"));
    } catch (RuntimeException e) {
      return "invalid parameter \"step\": cannot parse \"" + p.get("step") + "\" to a valid duration";
    }
    if (end < start) {
      return "end timestamp must not be before start time";
    }
    if (step <= 0) {
      return "zero or negative query resolution step widths are not accepted. Try a positive integer";
    }
    if ((end - start) / step > 11000) {
      return "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)";
    }
    return null;
  }
}
