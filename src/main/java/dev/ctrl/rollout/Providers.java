package dev.ctrl.rollout;

import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.model.metrics.ExecCheckConfig;
import dev.ctrl.model.metrics.HttpCheckConfig;
import dev.ctrl.model.metrics.MetricProviderConfig;
import dev.ctrl.model.metrics.SleepConfig;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import dev.ctrl.verify.exec.ExecProvider;
import dev.ctrl.verify.http.HttpProvider;
import dev.ctrl.verify.sleep.SleepProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

  /** exec, http and sleep; Prometheus and Datadog come with their own issue. */
  static Providers builtIn(Path workingDir, TemplateRenderer templates, SecretResolver secrets) {
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
        if (config instanceof SleepConfig) {
          return new SleepProvider(Duration.ZERO, d -> {}); // scheduled by firstDelay, never slept on
        }
        throw new ProviderException("the " + config.typeName() + " provider is not available in this build of ctrl yet");
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
