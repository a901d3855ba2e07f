package dev.ctrl.verify.http;

import dev.ctrl.http.ApiClient;
import dev.ctrl.json.JsonText;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * An HTTP check: `result.statusCode`, `result.ok` (2xx, or one of expectedStatus when given),
 * `result.body`, `result.json` (when the body is JSON) and `result.durationMs`. A connection
 * failure or timeout is an error; any HTTP answer, 5xx included, is a result to judge.
 */
public final class HttpProvider implements MetricProvider {
  private static final int MAX_BODY = 1 << 20;

  private final OkHttpClient client;
  private final String url;
  private final String method;
  private final Map<String, String> headers;
  private final String body;
  private final List<Integer> expectedStatus;

  public HttpProvider(OkHttpClient shared, String url, String method, Map<String, String> headers, String body,
      Duration timeout, List<Integer> expectedStatus) {
    this.client = shared.newBuilder().callTimeout(timeout).build();
    this.url = url;
    this.method = method;
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.expectedStatus = List.copyOf(expectedStatus);
  }

  @Override
  public Result measure() throws ProviderException {
    Request.Builder req;
    try {
      req = new Request.Builder().url(url);
    } catch (IllegalArgumentException e) {
      throw new ProviderException("the url is not an http(s) URL");
    }
    headers.forEach(req::header);
    RequestBody payload = body == null ? null : RequestBody.create(body, MediaType.parse("application/json"));
    req.method(method, payload == null && requiresBody(method) ? RequestBody.create(new byte[0]) : payload);
    long start = System.nanoTime();
    try (Response response = client.newCall(req.build()).execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : new String(rb.byteStream().readNBytes(MAX_BODY), java.nio.charset.StandardCharsets.UTF_8);
      Map<String, Object> result = new HashMap<>();
      result.put("statusCode", (long) response.code());
      result.put("ok", expectedStatus.isEmpty() ? response.isSuccessful() : expectedStatus.contains(response.code()));
      result.put("body", text);
      result.put("durationMs", (System.nanoTime() - start) / 1_000_000L);
      String trimmed = text.trim();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
          result.put("json", JsonText.parse(trimmed));
        } catch (RuntimeException e) {
          // not JSON: result.json stays absent
        }
      }
      return Result.of(result);
    } catch (IOException e) {
      throw new ProviderException(method + " " + ApiClient.safe(url) + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }
}
