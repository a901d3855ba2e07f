package dev.ctrl.verify.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.engine.Measurement;
import dev.ctrl.engine.Measurement.Kind;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.http.Redactor;
import dev.ctrl.model.metrics.DatadogConfig;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.metrics.MetricSpec.OnNoData;
import dev.ctrl.verify.MeasurementTaker;
import dev.ctrl.verify.MetricProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Datadog provider against a fake of the v1 metrics query: units, gaps, aggregation, keys, rate limits. */
class DatadogProviderTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00.750Z");
  static final String QUERY = "avg:trace.http.request.errors{service:checkout}.as_count()";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakeDatadog fake = new FakeDatadog();
  final List<Duration> slept = new ArrayList<>();
  final MeasurementTaker taker = new MeasurementTaker(new CelExpressions());

  @BeforeEach
  void setUp() {
    server.setDispatcher(fake);
  }

  DatadogProvider provider(String query, String aggregator) {
    return provider(query, aggregator, FakeDatadog.API_KEY, FakeDatadog.APP_KEY, Duration.ofSeconds(10));
  }

  DatadogProvider provider(String query, String aggregator, String apiKey, String appKey, Duration timeout) {
    ApiClient api = new ApiClient(new ApiClient.Settings("Datadog", RateLimitRule.RESET_SECONDS, timeout, 1,
        Duration.ofSeconds(1), Duration.ofSeconds(5)), slept::add, Clock.fixed(NOW, ZoneOffset.UTC),
        new Redactor(List.of(apiKey, appKey)));
    return new DatadogProvider(api, server.url("/").toString(), query, Duration.ofMinutes(5), apiKey, appKey,
        aggregator, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static MetricSpec metric(String success, Integer minSamples) {
    return new MetricSpec("errors", new DatadogConfig("datadoghq.com", QUERY, Duration.ofMinutes(5), "${env:K}",
        "${env:A}", "last"), Duration.ofMinutes(1), 3, success, null, null, 0, 4, OnNoData.WAIT, minSamples);
  }

  Measurement judge(MetricSpec m, MetricProvider p) {
    return taker.take(m, p, Map.of(), NOW).measurement();
  }

  @Test
  void theWindowIsAskedInSecondsAndPointsInMillisecondsAreAggregatedSkippingNulls() throws Exception {
    // out of order on purpose, with a gap (null) as the newest point
    fake.answer(QUERY, FakeDatadog.series("trace.http.request.errors", "service:checkout",
        "[[1795773540000.0, 2.0], [1795773480000.0, 4.0], [1795773600000.0, null], [1795773570000.0, 3.0]]"));
    MetricProvider.Result last = provider(QUERY, "last").measure();
    assertThat(last.values()).containsEntry("value", 3.0).containsEntry("values", List.of(4.0, 2.0, 3.0))
        .containsEntry("empty", false);
    assertThat(last.samples()).isEqualTo(3);
    assertThat(provider(QUERY, "avg").measure().values()).containsEntry("value", 3.0);
    assertThat(provider(QUERY, "min").measure().values()).containsEntry("value", 2.0);
    assertThat(provider(QUERY, "max").measure().values()).containsEntry("value", 4.0);
    assertThat(provider(QUERY, "sum").measure().values()).containsEntry("value", 9.0);
    FakeDatadog.Seen s = fake.seen.get(0);
    assertThat(s.path()).isEqualTo("/api/v1/query");
    assertThat(s.params()).containsEntry("from", "1795773300").containsEntry("to", "1795773600")
        .containsEntry("query", QUERY);
    assertThat(s.apiKey()).isEqualTo(FakeDatadog.API_KEY);
    assertThat(s.appKey()).isEqualTo(FakeDatadog.APP_KEY);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) last.values().get("series")).get(0);
    assertThat(first).containsEntry("metric", "trace.http.request.errors")
        .containsEntry("tags", List.of("service:checkout")).containsEntry("value", 3.0);
    assertThat(last.values().get("queries")).isEqualTo(Map.of("avg:trace.http.request.errors{service:checkout}", 3.0));
    assertThat(judge(metric("result.value < 5", null), provider(QUERY, "last")).kind()).isEqualTo(Kind.PASSED);
    assertThat(judge(metric("result.value < 5", 4), provider(QUERY, "last")).message())
        .isEqualTo("only 3 samples (minSamples 4)");
  }

  @Test
  void timestampsInSecondsAreOrderedLikeMilliseconds() throws Exception {
    fake.answer("q", FakeDatadog.series("m", "*", "[[1795773600, 7.0], [1795773540, 1.0]]"));
    assertThat(provider("q", "last").measure().values()).containsEntry("value", 7.0)
        .containsEntry("values", List.of(1.0, 7.0));
  }

  @Test
  void noSeriesOrOnlyNullPointsIsNoData() throws Exception {
    MetricProvider.Result none = provider("sum:absent{*}", "last").measure();
    assertThat(none.empty()).isTrue();
    assertThat((Double) none.values().get("value")).isNaN();
    fake.answer("gaps", FakeDatadog.series("m", "*", "[[1795773540000, null], [1795773600000, null]]"));
    assertThat(provider("gaps", "avg").measure().empty()).isTrue();
    assertThat(judge(metric("result.value < 5", null), provider("gaps", "avg")).kind()).isEqualTo(Kind.NO_DATA);
  }

  @Test
  void badKeysAreAnErrorThatNamesTheFixAndNeverTheKeys() {
    DatadogProvider wrong = provider(QUERY, "last", "wrong-api-key-123456", FakeDatadog.APP_KEY, Duration.ofSeconds(5));
    Measurement m = judge(metric("result.value < 5", null), wrong);
    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.message()).contains("HTTP 403").contains("Forbidden").contains("datadog.apiKey")
        .doesNotContain("wrong-api-key-123456").doesNotContain(FakeDatadog.APP_KEY);
    assertThat(wrong.lastResponse()).doesNotContain(FakeDatadog.APP_KEY);
  }

  @Test
  void aShortRateLimitIsWaitedOutWithXRateLimitResetAndALongOneIsAnError() throws Exception {
    fake.answer(QUERY, FakeDatadog.series("m", "*", "[[1795773600000, 1.0]]"));
    fake.fault(FakeDatadog.rateLimited("2"));
    assertThat(provider(QUERY, "last").measure().values()).containsEntry("value", 1.0);
    assertThat(slept).containsExactly(Duration.ofSeconds(2));
    fake.fault(FakeDatadog.rateLimited("40"));
    Measurement m = judge(metric("result.value < 5", null), provider(QUERY, "last"));
    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.message()).contains("rate limit").contains("2026-11-27T10:00:40.750Z");
    assertThat(slept).hasSize(1);
  }

  @Test
  void serverErrorsSlowAnswersAndAnErrorStatusAreErrorsNotFailures() {
    fake.fault(FakeDatadog.serverError(503));
    assertThat(judge(metric("result.value < 5", null), provider(QUERY, "last")).message()).contains("HTTP 503");
    fake.fault(FakeDatadog.serverError(500));
    assertThat(judge(metric("result.value < 5", null), provider(QUERY, "last")).kind()).isEqualTo(Kind.ERROR);
    fake.fault(FakeDatadog.slow(1));
    Measurement slow = judge(metric("result.value < 5", null),
        provider(QUERY, "last", FakeDatadog.API_KEY, FakeDatadog.APP_KEY, Duration.ofMillis(300)));
    assertThat(slow.kind()).isEqualTo(Kind.ERROR);
    assertThat(slow.message()).contains("timed out");
    Measurement parse = judge(metric("result.value < 5", null), provider("avg:m{{bad}", "last"));
    assertThat(parse.kind()).isEqualTo(Kind.ERROR);
    assertThat(parse.message()).contains("status error: Error parsing query");
  }

  @Test
  void siteNamesTheApiHost() {
    assertThat(DatadogProvider.baseUrl("datadoghq.com")).isEqualTo("https://api.datadoghq.com");
    assertThat(DatadogProvider.baseUrl("datadoghq.eu")).isEqualTo("https://api.datadoghq.eu");
    assertThat(DatadogProvider.baseUrl("us5.datadoghq.com")).isEqualTo("https://api.us5.datadoghq.com");
    assertThat(DatadogProvider.baseUrl("http://127.0.0.1:8126/")).isEqualTo("http://127.0.0.1:8126");
  }
}
