package dev.ctrl.rollout;

import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.http.Redactor;
import dev.ctrl.http.Sleep;
import dev.ctrl.model.metrics.DatadogConfig;
import dev.ctrl.model.metrics.ExecCheckConfig;
import dev.ctrl.model.metrics.HttpCheckConfig;
import dev.ctrl.model.metrics.MetricProviderConfig;
import dev.ctrl.model.metrics.PrometheusConfig;
import dev.ctrl.model.metrics.SleepConfig;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import dev.ctrl.verify.datadog.DatadogProvider;
import dev.ctrl.verify.exec.ExecProvider;
import dev.ctrl.verify.http.HttpProvider;
import dev.ctrl.verify.prometheus.PrometheusProvider;
import dev.ctrl.verify.sleep.SleepProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the provider of one measurement, with the metric's templates rendered over the job
 * context and its secrets resolved at that moment. A template or secret that cannot be resolved
 * is a provider error (an error measurement), never a failed one.
 */
public interface Providers {
  MetricProvider provider(MetricProviderConfig config, JobContext job) throws ProviderException;

  /**
   * When the first measurement of a metric is due after its verification starts. A `sleep`
   * metric is judged once its pause has passed: the loop schedules it instead of blocking on it.
   */
  static Duration firstDelay(MetricProviderConfig config) {
    return config instanceof SleepConfig s ? s.duration() : Duration.ZERO;
  }

  /** A metrics query gives up on a rate limit that lifts later than this: the loop measures again at the interval. */
  Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(5);

  /** The real providers, on the real clock. */
  static Providers builtIn(Path workingDir, TemplateRenderer templates, SecretResolver secrets) {
    return builtIn(workingDir, templates, secrets, Clock.systemUTC(), Sleep.REAL);
  }

  /**
   * The real providers; queries take their time (`time`, `end`, `from`/`to`) from the clock, and
   * rate limits are waited out with sleep.
   */
  static Providers builtIn(Path workingDir, TemplateRenderer templates, SecretResolver secrets, Clock clock,
      Sleep sleep) {
    return new Providers() {
      private okhttp3.OkHttpClient http;

      @Override
      public MetricProvider provider(MetricProviderConfig config, JobContext job) throws ProviderException {
        Map<String, Object> vars = job.variables();
        if (config instanceof ExecCheckConfig c) {
          List<String> command = new ArrayList<>();
          for (String arg : c.command()) {
            command.add(resolve(arg, vars));
          }
          return new ExecProvider(command, job.environmentVariables(), workingDir, c.timeout());
        }
        if (config instanceof HttpCheckConfig c) {
          Map<String, String> headers = new LinkedHashMap<>();
          for (Map.Entry<String, String> h : c.headers().entrySet()) {
            headers.put(h.getKey(), resolve(h.getValue(), vars));
          }
          return new HttpProvider(client(), resolve(c.url(), vars), c.method(), headers,
              c.body() == null ? null : resolve(c.body(), vars), c.timeout(), c.expectedStatus());
        }
        if (config instanceof PrometheusConfig c) {
          List<String> secretValues = new ArrayList<>();
          Map<String, String> headers = new LinkedHashMap<>();
          for (Map.Entry<String, String> h : c.headers().entrySet()) {
            String value = resolve(h.getValue(), vars);
            headers.put(h.getKey(), value);
            if (h.getValue().contains("${")) {
              secretValues.add(value);
            }
          }
          if (c.bearerToken() != null) {
            String token = resolve(c.bearerToken(), vars);
            secretValues.add(token);
            headers.put("Authorization", "Bearer " + token);
          } else if (c.basicAuthUsername() != null) {
            String password = resolve(c.basicAuthPassword(), vars);
            String pair = Base64.getEncoder().encodeToString((resolve(c.basicAuthUsername(), vars) + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
            secretValues.add(password);
            secretValues.add(pair);
            headers.put("Authorization", "Basic " + pair);
          }
          // no retry inside a measurement: the next one, an interval later, is the retry
          ApiClient api = new ApiClient(new ApiClient.Settings("Prometheus", RateLimitRule.STANDARD,
              c.timeout().plusSeconds(5), 1, Duration.ofSeconds(1), MAX_RATE_LIMIT_WAIT), sleep, clock,
              new Redactor(secretValues, secrets.resolvedValues()));
          return new PrometheusProvider(api, resolve(c.address(), vars), resolve(c.query(), vars), c.rangeWindow(),
              c.rangeStep(), c.timeout(), headers, clock);
        }
        if (config instanceof DatadogConfig c) {
          String apiKey = resolve(c.apiKey(), vars);
          String appKey = resolve(c.appKey(), vars);
          ApiClient api = new ApiClient(new ApiClient.Settings("Datadog", RateLimitRule.RESET_SECONDS,
              Duration.ofSeconds(30), 1, Duration.ofSeconds(1), MAX_RATE_LIMIT_WAIT), sleep, clock,
              new Redactor(List.of(apiKey, appKey), secrets.resolvedValues()));
          return new DatadogProvider(api, c.site(), resolve(c.query(), vars), c.window(), apiKey, appKey,
              c.aggregator(), clock);
        }
        if (config instanceof SleepConfig) {
          return new SleepProvider(Duration.ZERO, d -> {}); // scheduled by firstDelay, never slept on
        }
        throw new ProviderException("the " + config.typeName() + " provider is not available in this build of ctrl");
      }

      private synchronized okhttp3.OkHttpClient client() {
        if (http == null) {
          http = new okhttp3.OkHttpClient();
        }
        return http;
      }

      private String resolve(String text, Map<String, Object> vars) throws ProviderException {
        try {
          return secrets.resolve(text, part -> templates.render(part, vars));
        } catch (ExprException e) {
          throw new ProviderException(e.getMessage());
        } catch (SecretResolver.MissingSecret e) {
          throw new ProviderException(e.getMessage());
        }
      }
    };
  }
}
