package dev.ctrl.verify.prometheus;

import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.verify.AnswerExcerpt;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One PromQL query against the Prometheus HTTP API (EXTERNAL-APIS.md section 4): an instant query
 * at the clock's now, or a range query over the window before it.
 *
 * <p>Only a `success` envelope is a result. `bad_data` (400), `execution` (422), `timeout` (503),
 * any 5xx, a proxy's HTML page, a 401 and an answer that is not Prometheus JSON are provider
 * errors carrying the server's message: a metrics store that cannot answer is never judged as
 * healthy or as failing. An empty result is no data (onNoData decides).
 */
public final class PrometheusProvider implements MetricProvider {
  /** Beyond this a GET URL risks a proxy's 414; Prometheus takes the same parameters as a form POST. */
  private static final int MAX_GET_URL = 4000;

  private final ApiClient api;
  private final String address;
  private final String query;
  private final Duration rangeWindow;
  private final Duration rangeStep;
  private final Duration timeout;
  private final Map<String, String> headers;
  private final Clock clock;
  private final AnswerExcerpt answers = new AnswerExcerpt();

  /**
   * @param address the server's base URL, with any path prefix (`https://host/prometheus`)
   * @param rangeWindow null for an instant query
   * @param timeout sent as the query's `timeout`; the client waits a little longer, so the server's
   *     own "query timed out" answer arrives before the client gives up
   * @param headers resolved headers, authentication included
   */
  public PrometheusProvider(ApiClient api, String address, String query, Duration rangeWindow, Duration rangeStep,
      Duration timeout, Map<String, String> headers, Clock clock) {
    this.api = api;
    this.address = ApiClient.baseUrl(address);
    this.query = query;
    this.rangeWindow = rangeWindow;
    this.rangeStep = rangeStep;
    this.timeout = timeout;
    this.headers = Map.copyOf(headers);
    this.clock = clock;
  }

  @Override
  public Result measure() throws ProviderException {
    ApiRequest request = request(clock.instant());
    ApiResponse response = answers.send(api, request);
    Map<String, Object> json = response.json();
    if (!response.successful() || !"success".equals(json.get("status"))) {
      throw new ProviderException(failure(request, response, json));
    }
    return PrometheusResults.read(json, rangeWindow != null);
  }

  @Override
  public String lastResponse() {
    return answers.last();
  }

  private ApiRequest request(Instant now) throws ProviderException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("query", query);
    if (rangeWindow == null) {
      params.put("time", seconds(now));
    } else {
      params.put("start", seconds(now.minus(rangeWindow)));
      params.put("end", seconds(now));
      params.put("step", seconds(rangeStep));
    }
    params.put("timeout", timeout.toMillis() + "ms");
    String path = rangeWindow == null ? "/api/v1/query" : "/api/v1/query_range";
    HttpUrl base = HttpUrl.parse(address + path);
    if (base == null) {
      String shown = address.length() > 80 ? address.substring(0, 80) + "..." : address;
      throw new ProviderException(api.redactor().redact("prometheus.address \"" + shown
          + "\" is not an http(s) URL (write e.g. http://prometheus:9090)"));
    }
    HttpUrl.Builder url = base.newBuilder();
    params.forEach(url::addQueryParameter);
    ApiRequest request;
    String get = url.build().toString();
    if (get.length() <= MAX_GET_URL) {
      request = ApiRequest.get(get);
    } else {
      HttpUrl.Builder form = new HttpUrl.Builder().scheme("http").host("form");
      params.forEach(form::addQueryParameter);
      byte[] body = form.build().encodedQuery().getBytes(StandardCharsets.UTF_8);
      request = new ApiRequest("POST", base.toString(), Map.of(), body, "application/x-www-form-urlencoded", true);
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      request = request.header(h.getKey(), h.getValue());
    }
    return request.header("Accept", "application/json");
  }

  /** The server's own words: "bad_data: invalid parameter "query": 1:1: parse error: ...". */
  private String failure(ApiRequest request, ApiResponse response, Map<String, Object> json) {
    String what = "query " + (rangeWindow == null ? "" : "(range) ") + "at " + ApiClient.safe(request.url());
    if ("error".equals(json.get("status"))) {
      Object type = json.get("errorType");
      return api.redactor().redact("Prometheus: " + what + " failed with HTTP " + response.code() + ", "
          + (type == null ? "" : type + ": ") + json.get("error"));
    }
    if (response.successful()) {
      return "Prometheus: " + what + " answered HTTP " + response.code() + " but not with the Prometheus API's JSON"
          + " (is prometheus.address the server's base URL, e.g. http://prometheus:9090?)";
    }
    String hint = response.code() == 401 || response.code() == 403
        ? " (check prometheus.bearerToken, basicAuth or headers for the proxy in front of Prometheus)"
        : response.code() == 404 ? " (is prometheus.address the server's base URL?)" : "";
    return api.failure(request, response, what).getMessage() + hint;
  }

  /** Unix seconds with milliseconds, as Prometheus reads `time`, `start`, `end` and `step`. */
  static String seconds(Instant t) {
    return seconds(Duration.ofMillis(t.toEpochMilli()));
  }

  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
  }
}
