package dev.ctrl.verify.datadog;

import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.verify.AnswerExcerpt;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One Datadog metrics query over the window before the clock's now, with the v1 endpoint
 * `GET /api/v1/query?from=&to=&query=` (EXTERNAL-APIS.md section 5.2). v1 because a GET is safe
 * to send again, it answers one query string with one series per group, and its pointlists carry
 * their own timestamps; v2's POST adds formulas that a health check does not need.
 *
 * <p>`from`/`to` are seconds; points come back in milliseconds. 403 (bad keys), 400 (bad query),
 * 5xx, timeouts and a 200 whose `status` is not `ok` are provider errors; a 429 is waited out
 * when `X-RateLimit-Reset` is short, else it is an error measurement that names when the limit
 * lifts. No series, or only null points, is no data.
 */
public final class DatadogProvider implements MetricProvider {

  private final ApiClient api;
  private final String baseUrl;
  private final String query;
  private final Duration window;
  private final String apiKey;
  private final String appKey;
  private final DatadogSeries.Aggregator aggregator;
  private final Clock clock;
  private final AnswerExcerpt answers = new AnswerExcerpt();

  /**
   * @param site `datadoghq.com`, `datadoghq.eu`, `us5.datadoghq.com`...; a full http(s) URL is
   *     used as the API base as it is (a proxy, a test server)
   * @param apiKey resolved secret, sent as DD-API-KEY
   * @param appKey resolved secret, sent as DD-APPLICATION-KEY
   */
  public DatadogProvider(ApiClient api, String site, String query, Duration window, String apiKey, String appKey,
      String aggregator, Clock clock) {
    this.api = api;
    this.baseUrl = baseUrl(site);
    this.query = query;
    this.window = window;
    this.apiKey = apiKey;
    this.appKey = appKey;
    this.aggregator = DatadogSeries.Aggregator.of(aggregator);
    this.clock = clock;
  }

  static String baseUrl(String site) {
    String s = site.strip();
    if (s.startsWith("http://") || s.startsWith("https://")) {
      return ApiClient.baseUrl(s);
    }
    return "https://api." + (s.startsWith("api.") ? s.substring(4) : s);
  }

  @Override
  public Result measure() throws ProviderException {
    Instant to = clock.instant();
    HttpUrl base = HttpUrl.parse(baseUrl + "/api/v1/query");
    if (base == null) {
      throw new ProviderException("datadog.site " + baseUrl + " does not make an API URL (write e.g. datadoghq.eu)");
    }
    String url = base.newBuilder()
        .addQueryParameter("from", Long.toString(to.minus(window).getEpochSecond()))
        .addQueryParameter("to", Long.toString(to.getEpochSecond()))
        .addQueryParameter("query", query)
        .build().toString();
    ApiRequest request = ApiRequest.get(url).header("DD-API-KEY", apiKey).header("DD-APPLICATION-KEY", appKey)
        .header("Accept", "application/json");
    ApiResponse response = answers.send(api, request);
    if (!response.successful()) {
      String hint = switch (response.code()) {
        case 401, 403 -> " (check datadog.apiKey and datadog.appKey, their site, and that the application key"
            + " may read metrics: the timeseries_query permission)";
        case 400 -> " (check datadog.query)";
        default -> "";
      };
      throw new ProviderException(api.failure(request, response, "querying metrics").getMessage() + hint);
    }
    Map<String, Object> json = response.json();
    if (json.isEmpty()) {
      throw new ProviderException("Datadog: querying metrics answered HTTP " + response.code()
          + " but not with JSON (is datadog.site right?)");
    }
    if (!"ok".equals(json.get("status"))) {
      Object error = json.get("error");
      throw new ProviderException(api.redactor().redact("Datadog: querying metrics: status " + json.get("status")
          + (error == null || String.valueOf(error).isBlank() ? "" : ": " + error)));
    }
    return DatadogSeries.read(json, aggregator);
  }

  @Override
  public String lastResponse() {
    return answers.last();
  }
}
