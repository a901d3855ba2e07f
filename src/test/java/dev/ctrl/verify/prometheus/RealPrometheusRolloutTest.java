package dev.ctrl.verify.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout verified against a real Prometheus (Debian's package, which `.ci/run` installs): the
 * test serves a tiny exporter whose error ratio per version it controls, starts Prometheus on a
 * loopback port with a temporary data directory, scraping every second, and checks that a
 * healthy version passes verification and that one whose error ratio goes up is rolled back.
 * Skipped only when the binary is missing outside CI; with CI set it fails instead.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealPrometheusRolloutTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  @TempDir Path dir;
  final Map<String, Double> errorRatio = new ConcurrentHashMap<>();
  HttpServer exporter;
  Process prometheus;
  String address;
  CliRunner cli;

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equals("false")) {
        fail(BINARY + " is missing but CI is set: .ci/run installs Debian's prometheus package before the tests");
      }
      Assumptions.abort(BINARY + " is missing: install Debian's prometheus package (apt-get install prometheus) to run"
          + " this test; in CI (CI=true) it fails instead of skipping");
    }
    exporter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    exporter.start();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    address = "http://127.0.0.1:" + port;
    Path config = TestFiles.write(dir, "prometheus.yml", """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        scrape_configs:
          - job_name: app
            scrape_interval: 1s
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        """.formatted(exporter.getAddress().getPort()));
    prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    awaitScraped();
  }

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (exporter != null) {
      exporter.stop(0);
    }
  }

  /** The exporter's page: the error ratio of the version the exec agent last deployed (0 unless the test says). */
  private String exposition() throws IOException {
    Path deployed = dir.resolve("deployed");
    StringBuilder b = new StringBuilder("# HELP app_error_ratio Share of requests that failed.\n"
        + "# TYPE app_error_ratio gauge\n");
    if (Files.exists(deployed)) {
      String version = Files.readString(deployed).strip();
      b.append("app_error_ratio{resource=\"eu\",version=\"").append(version).append("\"} ")
          .append(errorRatio.getOrDefault(version, 0.01)).append('\n');
    }
    return b.toString();
  }

  /** Waits until Prometheus is ready and has scraped the exporter once. */
  private void awaitScraped() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!prometheus.isAlive()) {
        fail("prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(address + "/api/v1/query?query="
            + "up%7Bjob%3D%22app%22%7D")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"1\"]")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("prometheus did not scrape the exporter within 30 s:\n" + Files.readString(dir.resolve("prometheus.log")));
  }

  @Test
  void aHealthyVersionPassesAndOneWhoseErrorRatioGoesUpIsRolledBack() throws Exception {
    cli = new CliRunner(dir).clock(Clock.systemUTC());
    cli.ok("init");
    TestFiles.write(dir, "fleet.yaml", TestFiles.shop("api", "local") + """
        type: JobAgent
        name: local
        exec: {command: ["sh", "-c", 'echo "$CTRL_VERSION" > deployed']}
        ---
        type: Resource
        identifier: eu
        name: eu
        kind: Server
        version: v1
        """);
    // the version's series appears only once Prometheus scrapes the new deployment: until then
    // the queries are empty (no data: wait), never a pass
    TestFiles.write(dir, "health.yaml", """
        type: Policy
        name: health
        selector: "true"
        rules:
          - verification:
              metrics:
                - name: error-rate
                  prometheus:
                    address: %1$s
                    query: 'max(app_error_ratio{resource="{{ resource.name }}",version="{{ version.tag }}"})'
                    timeout: 5s
                  successCondition: result.value < 0.05
                  failureCondition: result.value >= 0.05
                  interval: 1s
                  count: 2
                - name: error-rate-window
                  prometheus:
                    address: %1$s
                    query: 'app_error_ratio{resource="{{ resource.name }}",version="{{ version.tag }}"}'
                    range: {window: 30s, step: 1s}
                  successCondition: result.values.all(v, v < 0.05)
                  minSamples: 6
                  interval: 1s
        """.formatted(address));
    cli.ok("apply", "-f", "fleet.yaml", "-f", "health.yaml");

    cli.ok("version", "create", "--deployment", "api", "--tag", "v1");
    CliRunner.Result first = cli.run("rollout", "--timeout", "40s");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(target()).containsEntry("currentVersion", "v1").containsEntry("verification", "passed");
    // the window had too few samples at first (6 need 5 s of scrapes): not judged, measured again
    assertThat(first.out()).contains("no-data  error-rate-window: only ").contains("(minSamples 6)")
        .contains("passed  error-rate-window");

    errorRatio.put("v2", 0.4);
    cli.ok("version", "create", "--deployment", "api", "--tag", "v2");
    CliRunner.Result bad = cli.run("rollout", "--timeout", "40s");
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.err()).contains("verification failed on api/production/eu")
        .contains("error-rate: 1 failed measurement (threshold 0): failureCondition result.value >= 0.05 is true");
    assertThat(bad.out()).contains("rolling back to v1");
    assertThat(target()).containsEntry("currentVersion", "v1");
    assertThat(Files.readString(dir.resolve("deployed")).strip()).isEqualTo("v1");

    // verify test asks the same Prometheus with the target's current version (v1 again): healthy,
    // once Prometheus has scraped the rolled-back exporter (until then: no data, exit 1)
    CliRunner.Result trial = cli.run("verify", "test", "health.yaml", "--metric", "error-rate", "-o", "json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (trial.out().contains("\"verdict\": \"no-data\"") && System.nanoTime() < deadline) {
      Thread.sleep(300);
      trial = cli.run("verify", "test", "health.yaml", "--metric", "error-rate", "-o", "json");
    }
    assertThat(trial.exitCode()).as(trial.toString()).isZero();
    Map<String, Object> json = JsonText.parseObject(trial.out());
    assertThat(json).containsEntry("verdict", "passed").containsEntry("version", "v1");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) json.get("result");
    assertThat(result).containsEntry("value", 0.01);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> target() {
    List<Map<String, Object>> targets = (List<Map<String, Object>>) JsonText.parse(
        cli.ok("get", "targets", "-o", "json").out());
    return targets.get(0);
  }
}
