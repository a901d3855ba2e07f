package dev.ctrl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The shared HTTP layer against a local server: what is retried, what is waited out, what is hidden. */
class ApiClientTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final String TOKEN = "ghp_s3cretT0kenValue";

  @StartStop final MockWebServer server = new MockWebServer();
  final List<Duration> slept = new ArrayList<>();

  private ApiClient client(RateLimitRule rule) {
    return new ApiClient(ApiClient.Settings.of("GitHub", rule).withTimeout(Duration.ofMillis(500)), slept::add,
        Clock.fixed(NOW, ZoneOffset.UTC), new Redactor(Set.of(TOKEN)));
  }

  private String url(String path) {
    return server.url(path).toString();
  }

  private static MockResponse answer(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Test
  void sendsItsUserAgentAndTheCallersHeaders() throws Exception {
    server.enqueue(answer(200, "{\"ok\":true}"));
    ApiResponse r = client(RateLimitRule.STANDARD).send(ApiRequest.get(url("/x")).header("Authorization", "Bearer " + TOKEN));
    RecordedRequest req = server.takeRequest();
    assertThat(req.getHeaders().get("User-Agent")).startsWith("ctrl/");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.json()).containsEntry("ok", true);
  }

  @Test
  void aUrlThatIsNotHttpFailsAtOnceAndIsNotRetried() {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> client(RateLimitRule.STANDARD).send(ApiRequest.get("argocd.example.com/api/v1/applications?token=" + TOKEN)));
    assertThat(e.getMessage()).contains("is not an http(s) URL").contains("argocd.example.com").doesNotContain(TOKEN);
    assertThat(e.retryable()).isFalse();
    assertThat(slept).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void githubPrimaryLimitWaitsUntilTheResetThenSendsAgain() throws Exception {
    server.enqueue(answer(403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}",
        "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 20)));
    server.enqueue(answer(200, "{}"));
    ApiResponse r = client(RateLimitRule.GITHUB).send(ApiRequest.get(url("/repos/a/b")));
    assertThat(r.code()).isEqualTo(200);
    assertThat(slept).containsExactly(Duration.ofSeconds(21));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void githubSecondaryLimitHonoursRetryAfterEvenForADispatch() throws Exception {
    server.enqueue(answer(429, "{\"message\":\"You have exceeded a secondary rate limit\"}", "retry-after", "3"));
    server.enqueue(answer(204, ""));
    ApiResponse r = client(RateLimitRule.GITHUB).send(ApiRequest.json("POST", url("/dispatches"), "{}"));
    assertThat(r.code()).isEqualTo(204);
    assertThat(slept).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void githubSecondaryLimitWithoutHeadersWaitsAMinuteAndLongerLimitsAreThrownAsRetryable() throws Exception {
    server.enqueue(answer(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}"));
    server.enqueue(answer(403, "{\"message\":\"You have exceeded a secondary rate limit.\"}"));
    ApiClient c = client(RateLimitRule.GITHUB);
    assertThatThrownBy(() -> c.send(ApiRequest.get(url("/runs"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.rateLimited()).isTrue();
          assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(120));
          assertThat(e.getMessage()).contains("rate limit").contains("secondary rate limit");
        });
    assertThat(slept).containsExactly(Duration.ofSeconds(60));
  }

  @Test
  void aForbiddenThatIsNotARateLimitIsReturnedForTheCallerToExplain() throws Exception {
    server.enqueue(answer(403, "{\"message\":\"Resource not accessible by personal access token\"}",
        "x-ratelimit-remaining", "4999"));
    ApiResponse r = client(RateLimitRule.GITHUB).send(ApiRequest.get(url("/repos/a/b")));
    assertThat(r.code()).isEqualTo(403);
    assertThat(slept).isEmpty();
  }

  @Test
  void resetSecondsAreFractional() throws Exception {
    server.enqueue(answer(429, "{\"errors\":[{\"status\":429,\"title\":\"Too many requests\"}]}",
        "X-RateLimit-Limit", "30", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "0.5"));
    server.enqueue(answer(200, "{}"));
    assertThat(client(RateLimitRule.RESET_SECONDS).send(ApiRequest.get(url("/runs/run-1"))).code()).isEqualTo(200);
    assertThat(slept).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void idempotentCallsAreSentAgainAfter5xxWithAGrowingBackoff() throws Exception {
    server.enqueue(answer(502, "<html><body>Bad Gateway</body></html>"));
    server.enqueue(answer(503, "{}"));
    server.enqueue(answer(200, "{\"status\":\"queued\"}"));
    ApiResponse r = client(RateLimitRule.GITHUB).send(ApiRequest.get(url("/runs/7")));
    assertThat(r.json()).containsEntry("status", "queued");
    assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aFailingIdempotentCallGivesUpAfterItsAttemptsWithTheVendorsMessage() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(answer(502, "<html><head><title>502 Bad Gateway</title></head></html>"));
    }
    assertThatThrownBy(() -> client(RateLimitRule.GITHUB).send(ApiRequest.get(url("/runs/7"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(502);
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("HTTP 502").contains("502 Bad Gateway");
        });
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aCallThatIsNotIdempotentIsNeverSentTwiceAfterA5xx() {
    server.enqueue(answer(500, "{\"message\":\"Server Error\"}"));
    server.enqueue(answer(204, ""));
    assertThatThrownBy(() -> client(RateLimitRule.GITHUB).send(ApiRequest.json("POST", url("/dispatches"), "{}")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.maybePerformed()).isTrue();
          assertThat(e.retryable()).isTrue();
        });
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlowAnswerTimesOutAsAnErrorWithNoStatus() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(2, java.util.concurrent.TimeUnit.SECONDS)
          .build());
    }
    assertThatThrownBy(() -> client(RateLimitRule.STANDARD).send(ApiRequest.get(url("/slow"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("timed out after 500ms").contains("tried 3 times");
        });
  }

  @Test
  void secretsNeverReachAMessageAndNeitherDoQueryStrings() {
    server.enqueue(answer(401, "{\"message\":\"Bad credentials: token " + TOKEN + " is invalid\"}"));
    ApiClient c = client(RateLimitRule.GITHUB);
    ApiRequest req = ApiRequest.get(url("/user?access_token=" + TOKEN));
    assertThatThrownBy(() -> c.sendOk(req, "reading the user"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).doesNotContain(TOKEN).contains("***").contains("reading the user: HTTP 401");
          assertThat(e.body()).doesNotContain(TOKEN);
          assertThat(e.retryable()).isFalse();
        });
    assertThat(ApiClient.safe(url("/user?access_token=" + TOKEN))).doesNotContain(TOKEN);
  }

  @Test
  void aRefusalIsReturnedWithTheSecretsItEchoesRedactedAndSoIsARateLimit() throws Exception {
    server.enqueue(answer(422, "{\"message\":\"Invalid value " + TOKEN + " for input token\"}"));
    server.enqueue(answer(429, "{\"message\":\"Too many logins of " + TOKEN + "\"}", "retry-after", "3600"));
    ApiClient c = client(RateLimitRule.STANDARD);
    ApiResponse refused = c.send(ApiRequest.get(url("/apps")));
    assertThat(refused.code()).isEqualTo(422);
    assertThat(refused.body()).doesNotContain(TOKEN).contains("Invalid value ***");
    assertThat(ApiClient.vendorMessage(refused)).doesNotContain(TOKEN);
    assertThatThrownBy(() -> c.send(ApiRequest.get(url("/apps"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.rateLimited()).isTrue();
          assertThat(e.getMessage()).doesNotContain(TOKEN).contains("Too many logins of ***");
          assertThat(e.body()).doesNotContain(TOKEN);
        });
  }

  @Test
  void aCallThatCouldNotConnectWasNeverPerformedSoADispatchNeedNotBeLookedFor() throws Exception {
    String closed = url("/dispatches");
    server.close();
    assertThatThrownBy(() -> client(RateLimitRule.GITHUB).send(ApiRequest.json("POST", closed, "{}")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getMessage()).contains("could not connect");
          assertThat(e.retryable()).isTrue();
          assertThat(e.maybePerformed()).isFalse();
        });
  }
}
