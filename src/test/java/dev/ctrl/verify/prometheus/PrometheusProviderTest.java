package dev.ctrl.verify.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctrl.engine.Measurement;
import dev.ctrl.engine.Measurement.Kind;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.http.Redactor;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.metrics.MetricSpec.OnNoData;
import dev.ctrl.model.metrics.PrometheusConfig;
import dev.ctrl.verify.MeasurementTaker;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Prometheus provider against a fake of the HTTP API, including its odd corners and failures. */
class PrometheusProviderTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00.250Z");
  static final String TOKEN = "prom-token-5ecr3t";

  @StartStop final MockWebServer server = new MockWebServer();
  final FakePrometheus fake = new FakePrometheus();
  final List<Duration> slept = new ArrayList<>();
  final MeasurementTaker taker = new MeasurementTaker(new CelExpressions());

  @BeforeEach
  void setUp() {
    server.setDispatcher(fake);
  }

  PrometheusProvider instant(String query) {
    return provider(query, null, null, Duration.ofSeconds(30), Map.of());
  }

  PrometheusProvider provider(String query, Duration window, Duration step, Duration timeout, Map<String, String> headers) {
    ApiClient api = new ApiClient(new ApiClient.Settings("Prometheus", RateLimitRule.STANDARD, timeout.plusSeconds(5), 1,
        Duration.ofSeconds(1), Duration.ofSeconds(5)), slept::add, Clock.fixed(NOW, ZoneOffset.UTC),
        new Redactor(List.of(TOKEN)));
    return new PrometheusProvider(api, server.url("/").toString(), query, window, step, timeout, headers,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void anAddressThatIsNoUrlIsShownAsWrittenWithWhatToWrite() {
    ApiClient api = new ApiClient(ApiClient.Settings.of("Prometheus", RateLimitRule.STANDARD), slept::add,
        Clock.fixed(NOW, ZoneOffset.UTC), new Redactor(List.of(TOKEN)));
    PrometheusProvider p = new PrometheusProvider(api, "prometheus:9090/", "up", null, null, Duration.ofSeconds(5),
        Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThatThrownBy(p::measure).isInstanceOf(ProviderException.class)
        .hasMessage("prometheus.address \"prometheus:9090\" is not an http(s) URL (write e.g. http://prometheus:9090)");
    assertThat(fake.seen).isEmpty();
  }

  static MetricSpec metric(String success, String failure, Integer minSamples) {
    return new MetricSpec("error-rate", new PrometheusConfig("http://x", "q", null, null, Duration.ofSeconds(30), Map.of(),
        null, null, null), Duration.ofMinutes(1), 3, success, failure, null, 0, 4, OnNoData.WAIT, minSamples);
  }

  static MetricSpec metric(String success, String failure) {
    return metric(success, failure, null);
  }

  Measurement judge(MetricSpec m, MetricProvider p) {
    return taker.take(m, p, Map.of(), NOW).measurement();
  }

  @Test
  void anInstantVectorGivesTheFirstSampleAsANumberAndEverySeriesWithItsLabels() throws Exception {
    fake.answer("sum by (code) (rate(http_requests_total[5m]))", "vector", """
        [{"metric":{"code":"500"},"value":[1795773600.25,"0.042"]},
         {"metric":{"code":"200"},"value":[1795773600.25,"12.5"]}]""");
    PrometheusProvider p = instant("sum by (code) (rate(http_requests_total[5m]))");
    MetricProvider.Result r = p.measure();
    assertThat(r.empty()).isFalse();
    assertThat(r.values()).containsEntry("value", 0.042).containsEntry("values", List.of(0.042))
        .containsEntry("empty", false).containsEntry("resultType", "vector");
    assertThat(r.values().get("results")).isEqualTo(List.of(
        Map.of("labels", Map.of("code", "500"), "value", 0.042, "values", List.of(0.042)),
        Map.of("labels", Map.of("code", "200"), "value", 12.5, "values", List.of(12.5))));
    // the query is asked at the injected clock's instant, with the metric's timeout
    FakePrometheus.Seen s = fake.seen.get(0);
    assertThat(s.method()).isEqualTo("GET");
    assertThat(s.path()).isEqualTo("/api/v1/query");
    assertThat(s.params()).containsEntry("time", "1795773600.250").containsEntry("timeout", "30000ms");
    assertThat(s.userAgent()).startsWith("ctrl/");
    // conditions compare numbers, also against integer literals, and see every series
    assertThat(judge(metric("result.value < 0.05", null), p).kind()).isEqualTo(Kind.PASSED);
    assertThat(judge(metric("result.value < 1", null), p).kind()).isEqualTo(Kind.PASSED);
    assertThat(judge(metric("result.results.exists(s, s.labels.code == '200' && s.value > 10.0)", null), p).kind())
        .isEqualTo(Kind.PASSED);
  }

  @Test
  void nanAndInfinitySamplesAreDoublesThatNeverPassByAccident() throws Exception {
    fake.answer("ratio_nan", "vector", "[{\"metric\":{},\"value\":[1795773600.25,\"NaN\"]}]");
    fake.answer("ratio_inf", "vector", "[{\"metric\":{},\"value\":[1795773600.25,\"+Inf\"]}]");
    fake.answer("ratio_neg", "vector", "[{\"metric\":{},\"value\":[1795773600.25,\"-Inf\"]}]");
    MetricProvider.Result nan = instant("ratio_nan").measure();
    assertThat((Double) nan.values().get("value")).isNaN();
    assertThat(nan.empty()).isFalse();
    // NaN compares false either way: failed without a failureCondition, inconclusive with one
    assertThat(judge(metric("result.value < 0.05", null), instant("ratio_nan")).kind()).isEqualTo(Kind.FAILED);
    assertThat(judge(metric("result.value < 0.05", "result.value >= 0.05"), instant("ratio_nan")).kind())
        .isEqualTo(Kind.INCONCLUSIVE);
    assertThat(instant("ratio_inf").measure().values().get("value")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(judge(metric("result.value < 0.05", "result.value > 1000.0"), instant("ratio_inf")).kind())
        .isEqualTo(Kind.FAILED);
    assertThat(instant("ratio_neg").measure().values().get("value")).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void anEmptyResultIsNoDataWithValueNaN() throws Exception {
    MetricProvider.Result r = instant("absent_metric").measure();
    assertThat(r.empty()).isTrue();
    assertThat((Double) r.values().get("value")).isNaN();
    assertThat(r.values()).containsEntry("empty", true).containsEntry("values", List.of())
        .containsEntry("results", List.of());
    Measurement m = judge(metric("result.value < 0.05", null), instant("absent_metric"));
    assertThat(m.kind()).isEqualTo(Kind.NO_DATA);
  }

  @Test
  void aRangeQueryReadsTheWindowBeforeNowAndMinSamplesWaitsForEnoughPoints() throws Exception {
    fake.answer("rate(errors[1m])", "matrix", """
        [{"metric":{"pod":"a"},"values":[[1795773480,"0.01"],[1795773540,"0.02"],[1795773600,"0.03"]]},
         {"metric":{"pod":"b"},"values":[[1795773600,"0.5"]]}]""");
    PrometheusProvider p = provider("rate(errors[1m])", Duration.ofMinutes(5), Duration.ofMinutes(1),
        Duration.ofSeconds(10), Map.of());
    MetricProvider.Result r = p.measure();
    assertThat(r.values()).containsEntry("values", List.of(0.01, 0.02, 0.03)).containsEntry("value", 0.03)
        .containsEntry("resultType", "matrix");
    assertThat(r.samples()).isEqualTo(3);
    FakePrometheus.Seen s = fake.seen.get(0);
    assertThat(s.path()).isEqualTo("/api/v1/query_range");
    assertThat(s.params()).containsEntry("start", "1795773300.250").containsEntry("end", "1795773600.250")
        .containsEntry("step", "60").containsEntry("timeout", "10000ms");
    assertThat(judge(metric("result.values.all(v, v < 0.05)", null, 3), p).kind()).isEqualTo(Kind.PASSED);
    Measurement tooFew = judge(metric("result.values.all(v, v < 0.05)", null, 5), p);
    assertThat(tooFew.kind()).isEqualTo(Kind.NO_DATA);
    assertThat(tooFew.message()).isEqualTo("only 3 samples (minSamples 5)");
  }

  @Test
  void scalarAndStringResultsAndWarningsAreReadToo() throws Exception {
    fake.answer("scalar(up)", "scalar", "[1795773600.25,\"1\"]", "PromQL info: metric might not be a counter");
    MetricProvider.Result scalar = instant("scalar(up)").measure();
    assertThat(scalar.values()).containsEntry("value", 1.0).containsEntry("resultType", "scalar")
        .containsEntry("warnings", List.of("PromQL info: metric might not be a counter"));
    fake.answer("\"hello\"", "string", "[1795773600.25,\"hello\"]");
    MetricProvider.Result text = instant("\"hello\"").measure();
    assertThat((Double) text.values().get("value")).isNaN();
    assertThat(text.values()).containsEntry("text", "hello");
  }

  @Test
  void badQueriesAndServerErrorsAreErrorMeasurementsWithTheServersMessage() {
    Measurement parse = judge(metric("result.value < 1", null), instant("sum((up)"));
    assertThat(parse.kind()).isEqualTo(Kind.ERROR);
    assertThat(parse.message()).contains("HTTP 400").contains("bad_data")
        .contains("invalid parameter \"query\": 1:5: parse error");
    fake.fault("/api/v1/query", FakePrometheus.error(422, "execution",
        "expanding series: found duplicate series for the match group"));
    assertThat(judge(metric("result.value < 1", null), instant("up")).message())
        .contains("HTTP 422").contains("execution: expanding series: found duplicate series");
    fake.fault("/api/v1/query", FakePrometheus.error(503, "timeout", "query timed out in expression evaluation"));
    Measurement timeout = judge(metric("result.value < 1", null), instant("up"));
    assertThat(timeout.kind()).isEqualTo(Kind.ERROR);
    assertThat(timeout.message()).contains("HTTP 503").contains("query timed out in expression evaluation");
    fake.fault("/api/v1/query", FakePrometheus.proxyHtml(502, "Bad Gateway"));
    Measurement proxy = judge(metric("result.value < 1", null), instant("up"));
    assertThat(proxy.kind()).isEqualTo(Kind.ERROR);
    assertThat(proxy.message()).contains("HTTP 502").contains("502 Bad Gateway").doesNotContain("<html>");
    fake.fault("/api/v1/query", new MockResponse.Builder().code(200).body("<html>Prometheus Time Series</html>").build());
    assertThat(judge(metric("result.value < 1", null), instant("up")).message())
        .contains("not with the Prometheus API's JSON");
    // one attempt per measurement: the next measurement is the retry
    assertThat(fake.seen).hasSize(5);
    assertThat(slept).isEmpty();
  }

  @Test
  void rangeParametersThatTheServerRefusesAreErrors() {
    PrometheusProvider tooMany = provider("up", Duration.ofDays(30), Duration.ofSeconds(1), Duration.ofSeconds(10),
        Map.of());
    assertThatThrownBy(tooMany::measure).isInstanceOf(ProviderException.class)
        .hasMessageContaining("exceeded maximum resolution of 11,000 points per timeseries");
  }

  @Test
  void aSlowServerOrADroppedConnectionIsAnErrorNotAFailure() {
    fake.fault("/api/v1/query", FakePrometheus.slow(1));
    PrometheusProvider p = provider("up", null, null, Duration.ofMillis(200), Map.of());
    // the client waits the query timeout plus 5 s; a 300 ms bound here keeps the test fast
    ApiClient quick = new ApiClient(new ApiClient.Settings("Prometheus", RateLimitRule.STANDARD, Duration.ofMillis(300),
        1, Duration.ofSeconds(1), Duration.ofSeconds(5)), slept::add, Clock.systemUTC(), Redactor.none());
    PrometheusProvider slow = new PrometheusProvider(quick, server.url("/").toString(), "up", null, null,
        Duration.ofMillis(200), Map.of(), Clock.systemUTC());
    Measurement m = judge(metric("result.value < 1", null), slow);
    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.message()).contains("timed out");
    fake.fault("/api/v1/query", new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    Measurement dropped = judge(metric("result.value < 1", null), p);
    assertThat(dropped.kind()).isEqualTo(Kind.ERROR);
    assertThat(dropped.message()).startsWith("Prometheus: GET http://");
  }

  @Test
  void theProxysAuthHeaderIsSentAndA401IsAnErrorThatNeverShowsTheToken() throws Exception {
    fake.requiredAuthorization = "Bearer " + TOKEN;
    PrometheusProvider withToken = provider("up", null, null, Duration.ofSeconds(5),
        Map.of("Authorization", "Bearer " + TOKEN, "X-Scope-OrgID", "tenant-1"));
    assertThat(withToken.measure().empty()).isTrue();
    assertThat(fake.seen.get(0).authorization()).isEqualTo("Bearer " + TOKEN);
    PrometheusProvider wrong = provider("up", null, null, Duration.ofSeconds(5),
        Map.of("Authorization", "Bearer wrong-" + TOKEN));
    Measurement m = judge(metric("result.value < 1", null), wrong);
    assertThat(m.kind()).isEqualTo(Kind.ERROR);
    assertThat(m.message()).contains("HTTP 401").contains("Authorization Required")
        .contains("check prometheus.bearerToken").doesNotContain(TOKEN);
    // the proxy echoed the rejected header: it is there, with the secret part redacted
    assertThat(wrong.lastResponse()).contains("rejected credentials: Bearer wrong-").doesNotContain(TOKEN);
  }

  @Test
  void aVeryLongQueryIsSentAsAFormPost() throws Exception {
    String query = "sum(rate(http_requests_total{path=~\"" + "/a|".repeat(1500) + "/b\"}[5m]))";
    fake.answer(query, "vector", "[{\"metric\":{},\"value\":[1795773600.25,\"3\"]}]");
    assertThat(instant(query).measure().values()).containsEntry("value", 3.0);
    FakePrometheus.Seen s = fake.seen.get(0);
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.params()).containsEntry("query", query).containsEntry("time", "1795773600.250");
  }
}
