package dev.ctrl.http;

import dev.ctrl.BuildInfo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one HTTP layer every vendor client uses (EXTERNAL-APIS.md section 7):
 *
 * <ul>
 *   <li>timeouts on every call, and User-Agent `ctrl/<version>`;
 *   <li>idempotent calls are sent again after a 5xx or a network error, with a growing backoff;
 *       other calls never are (they may already have happened: the caller looks first);
 *   <li>a rate limit, read the vendor's way ({@link RateLimitRule}), is waited out when the wait is
 *       short, and otherwise reported as retryable with the instant it lifts: never as a failure;
 *   <li>every message is passed through the {@link Redactor}, so no secret reaches a log or an error.
 * </ul>
 *
 * 4xx answers other than rate limits are returned, not thrown: callers decide what a 404 means.
 */
public final class ApiClient {
  /**
   * @param vendor named in messages ("GitHub", "Argo CD")
   * @param timeout bound of one call, connect to last byte
   * @param attempts how many times an idempotent call is sent at most
   * @param backoff the first wait between attempts; doubled each time
   * @param maxInlineWait a rate limit that lifts sooner is slept through; a later one is thrown
   */
  public record Settings(String vendor, RateLimitRule rateLimits, Duration timeout, int attempts, Duration backoff,
      Duration maxInlineWait) {
    public static Settings of(String vendor, RateLimitRule rateLimits) {
      return new Settings(vendor, rateLimits, Duration.ofSeconds(30), 3, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public Settings withTimeout(Duration t) {
      return new Settings(vendor, rateLimits, t, attempts, backoff, maxInlineWait);
    }

    public Settings withBackoff(Duration b) {
      return new Settings(vendor, rateLimits, timeout, attempts, b, maxInlineWait);
    }

    public Settings withMaxInlineWait(Duration w) {
      return new Settings(vendor, rateLimits, timeout, attempts, backoff, w);
    }
  }

  private static final int MAX_BODY = 8 << 20;
  private static final java.util.regex.Pattern HTML_TITLE = java.util.regex.Pattern.compile("(?is)<title>(.*?)</title>");

  private final OkHttpClient http;
  private final OkHttpClient httpOnce;
  private final Settings settings;
  private final Sleep sleep;
  private final Clock clock;
  private final Redactor redactor;

  public ApiClient(Settings settings, Sleep sleep, Clock clock, Redactor redactor) {
    this.settings = settings;
    this.sleep = sleep;
    this.clock = clock;
    this.redactor = redactor;
    this.http = Shared.CLIENT.newBuilder()
        .connectTimeout(min(settings.timeout(), Duration.ofSeconds(10)))
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .callTimeout(settings.timeout())
        .build();
    // OkHttp silently sends a request again when the connection drops after it was written; a
    // dispatch or a sync may then run twice. Calls that are not idempotent go out exactly once.
    this.httpOnce = http.newBuilder().retryOnConnectionFailure(false).build();
  }

  /** One connection pool and dispatcher for the process, made on first use; clients differ only in their timeouts. */
  private static final class Shared {
    static final OkHttpClient CLIENT = new OkHttpClient.Builder().followRedirects(false).build();
  }

  public Settings settings() {
    return settings;
  }

  public Redactor redactor() {
    return redactor;
  }

  /**
   * Sends the request and returns any answer below 500 that is not a rate limit.
   *
   * @throws ApiException a network error or 5xx (after the retries an idempotent call gets), or a
   *     rate limit that lifts later than maxInlineWait
   */
  public ApiResponse send(ApiRequest request) throws ApiException {
    HttpUrl url = HttpUrl.parse(request.url());
    if (url == null) {
      // a configuration error: no retry can fix it, and nothing was sent
      String shown = request.url().length() > 80 ? request.url().substring(0, 80) + "..." : request.url();
      throw new ApiException(redactor.redact(settings.vendor() + ": " + request.method() + " \"" + shown
          + "\" is not an http(s) URL; check the url in the configuration"), 0, false, false, null, "");
    }
    int attempt = 0;
    int rateLimitHits = 0;
    Duration backoff = settings.backoff();
    while (true) {
      attempt++;
      ApiResponse response;
      try {
        response = redactRefusal(execute(request, url));
      } catch (IOException e) {
        String why = describe(e);
        if (request.idempotent() && attempt < settings.attempts()) {
          pause(backoff, request);
          backoff = backoff.multipliedBy(2);
          continue;
        }
        throw new ApiException(redactor.redact(settings.vendor() + ": " + request.method() + " " + safe(request.url())
            + " " + why + (request.idempotent() && attempt > 1 ? " (tried " + attempt + " times)" : "")),
            0, true, !request.idempotent() && !neverSent(e), null, "");
      }
      Instant now = clock.instant();
      Duration wait = settings.rateLimits().waitFor(response, now, rateLimitHits);
      if (wait != null) {
        rateLimitHits++;
        if (wait.compareTo(settings.maxInlineWait()) <= 0 && rateLimitHits <= 5) {
          pause(wait, request);
          attempt--; // a refused call does not use up an attempt
          continue;
        }
        Instant lifts = now.plus(wait);
        throw new ApiException(redactor.redact(settings.vendor() + " rate limit: " + request.method() + " "
            + safe(request.url()) + " may be sent again at " + lifts + " (" + vendorMessage(response) + ")"),
            response.code(), true, false, lifts, response.body());
      }
      if (response.code() >= 500) {
        if (request.idempotent() && attempt < settings.attempts()) {
          Duration after = RateLimitRule.retryAfter(response, backoff);
          pause(after.compareTo(settings.maxInlineWait()) <= 0 ? after : backoff, request);
          backoff = backoff.multipliedBy(2);
          continue;
        }
        throw failure(request, response, "");
      }
      return response;
    }
  }

  /**
   * An answer that is not a success is only ever read for a message, and a vendor may echo what it
   * was sent (a token, a password): its body is redacted here, once, for every caller. A success
   * is left as it came (it may hold data, such as a session token, the caller needs).
   */
  private ApiResponse redactRefusal(ApiResponse r) {
    return r.successful() ? r : new ApiResponse(r.code(), r.headers(), redactor.redact(r.body()));
  }

  /** Sends the request and returns it only when it succeeded (2xx); anything else is thrown. */
  public ApiResponse sendOk(ApiRequest request, String what) throws ApiException {
    ApiResponse r = send(request);
    if (!r.successful()) {
      throw failure(request, r, what);
    }
    return r;
  }

  /**
   * The exception for an unwanted answer, with the vendor's own message: "GitHub: dispatching the
   * workflow: HTTP 422: Workflow does not have 'workflow_dispatch' trigger". 5xx are retryable.
   */
  public ApiException failure(ApiRequest request, ApiResponse r, String what) {
    boolean server = r.code() >= 500;
    String doing = what == null || what.isEmpty() ? request.method() + " " + safe(request.url()) : what;
    return new ApiException(redactor.redact(settings.vendor() + ": " + doing + ": HTTP " + r.code()
        + messageSuffix(r)), r.code(), server, server && !request.idempotent(), null, redactor.redact(r.body()));
  }

  private static String messageSuffix(ApiResponse r) {
    String m = vendorMessage(r);
    return m.isEmpty() ? "" : ": " + m;
  }

  /**
   * The human part of a vendor's error body: `message` (GitHub, Argo CD), `error` (Prometheus),
   * `errors[0]` as text or its `detail`/`title` (Datadog, Terraform Cloud); else the first line
   * of a non-JSON body (a proxy's HTML), shortened.
   */
  public static String vendorMessage(ApiResponse r) {
    Map<String, Object> json = r.json();
    if (json.get("message") instanceof String s && !s.isBlank()) {
      return s;
    }
    if (json.get("error") instanceof String s && !s.isBlank()) {
      return s;
    }
    if (json.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
      Object first = errors.get(0);
      if (first instanceof String s) {
        return s;
      }
      if (first instanceof Map<?, ?> m) {
        Object detail = m.get("detail") != null ? m.get("detail") : m.get("title");
        if (detail != null) {
          return String.valueOf(detail);
        }
      }
    }
    String body = r.body() == null ? "" : r.body().strip();
    if (body.isEmpty() || body.startsWith("{")) {
      return "";
    }
    // an HTML page (a proxy's 502) says what happened in its title; its first line is only "<html>"
    java.util.regex.Matcher title = HTML_TITLE.matcher(body);
    String line = title.find() ? title.group(1).strip()
        : body.lines().map(l -> l.replaceAll("<[^>]*>", " ").strip()).filter(l -> !l.isEmpty()).findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }

  private ApiResponse execute(ApiRequest request, HttpUrl url) throws IOException {
    Request.Builder b = new Request.Builder().url(url);
    b.header("User-Agent", "ctrl/" + BuildInfo.version());
    request.headers().forEach(b::header);
    RequestBody body = null;
    if (request.body() != null) {
      MediaType type = request.contentType() == null ? null : MediaType.parse(request.contentType());
      body = RequestBody.create(request.body(), type);
    } else if (request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH")) {
      body = RequestBody.create(new byte[0]);
    }
    b.method(request.method(), body);
    try (Response response = (request.idempotent() ? http : httpOnce).newCall(b.build()).execute()) {
      ResponseBody rb = response.body();
      String text = rb == null ? "" : new String(rb.byteStream().readNBytes(MAX_BODY), StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new TreeMap<>();
      for (String name : response.headers().names()) {
        headers.put(name.toLowerCase(Locale.ROOT), response.headers().values(name));
      }
      return new ApiResponse(response.code(), headers, text);
    }
  }

  private void pause(Duration d, ApiRequest request) throws ApiException {
    try {
      sleep.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(settings.vendor() + ": " + request.method() + " " + safe(request.url())
          + " interrupted", 0, true, false, null, "");
    }
  }

  /** No connection was made, so the vendor cannot have acted on the call: a dispatch may simply be sent again. */
  private static boolean neverSent(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException;
  }

  private String describe(IOException e) {
    if (e instanceof InterruptedIOException) {
      return "timed out after " + dev.ctrl.model.Durations.format(settings.timeout());
    }
    if (e instanceof ConnectException) {
      return "could not connect (" + e.getMessage() + ")";
    }
    if (e instanceof UnknownHostException) {
      return "failed: unknown host " + e.getMessage();
    }
    return "failed: " + e.getMessage();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** A configured base address without surrounding blanks and trailing slashes, for appending paths. */
  public static String baseUrl(String address) {
    String a = address.strip();
    while (a.endsWith("/")) {
      a = a.substring(0, a.length() - 1);
    }
    return a;
  }

  /** The URL without user info and query string, which may carry secrets. */
  public static String safe(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    return parsed == null ? "(invalid URL)" : parsed.scheme() + "://" + parsed.host() + ":" + parsed.port()
        + parsed.encodedPath();
  }
}
