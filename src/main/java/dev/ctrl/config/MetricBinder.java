package dev.ctrl.config;

import dev.ctrl.model.metrics.DatadogConfig;
import dev.ctrl.model.metrics.ExecCheckConfig;
import dev.ctrl.model.metrics.HttpCheckConfig;
import dev.ctrl.model.metrics.MetricProviderConfig;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.metrics.PrometheusConfig;
import dev.ctrl.model.metrics.SleepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Binds one verification metric and its provider. */
final class MetricBinder {
  private MetricBinder() {}

  static MetricSpec bind(ObjNode o) {
    o.allow(ConfigFields.METRIC);
    String name = o.slug("name", true);
    List<String> providers = ConfigFields.METRIC_PROVIDERS.stream().filter(o::has).toList();
    MetricProviderConfig provider = null;
    if (providers.isEmpty()) {
      o.doc.error(o.node, o.path, "needs exactly one provider: " + String.join(", ", ConfigFields.METRIC_PROVIDERS));
    } else if (providers.size() > 1) {
      o.doc.error(o.keyNode(providers.get(1)), o.childPath(providers.get(1)),
          "a metric has exactly one provider, but this one has both " + providers.get(0) + " and " + providers.get(1));
    } else {
      provider = provider(o.object(providers.get(0), true), providers.get(0));
    }
    String success = o.expression("successCondition", false, ExprSite.Kind.CONDITION);
    String failure = o.expression("failureCondition", false, ExprSite.Kind.CONDITION);
    if (success == null && provider != null) {
      success = switch (provider.typeName()) {
        case "http", "sleep" -> "result.ok";
        case "exec" -> "result.exitCode == 0";
        default -> null;
      };
      if (success == null && failure == null) {
        o.doc.error(o.node, o.childPath("successCondition"),
            "is required for " + provider.typeName() + " metrics (for example: result.value < 0.01)");
      }
    }
    String onNoData = o.oneOf("onNoData", "wait", List.of("wait", "inconclusive", "fail", "pass"));
    Integer minSamples = o.integer("minSamples", null, 1);
    boolean windowed = provider instanceof DatadogConfig || provider instanceof PrometheusConfig p && p.rangeWindow() != null;
    if (minSamples != null && provider != null && !windowed) {
      // only a window of samples can be counted; silently ignoring it would hide a thin signal
      o.doc.error(o.keyNode("minSamples"), o.childPath("minSamples"), "counts the samples of a window, so it needs"
          + " a prometheus query with `range` or a datadog query (this metric's " + provider.typeName()
          + (provider instanceof PrometheusConfig ? " query is instant" : " provider has no samples") + ")");
    }
    return new MetricSpec(name, provider, o.duration("interval", Duration.ofMinutes(1), false), o.integer("count", 1, 1),
        success, failure, o.integer("successThreshold", null, 1), o.integer("failureThreshold", 0, 0),
        o.integer("consecutiveErrorLimit", 4, 0), MetricSpec.OnNoData.valueOf(onNoData.toUpperCase(Locale.ROOT)),
        minSamples);
  }

  private static MetricProviderConfig provider(ObjNode o, String kind) {
    if (o == null) {
      return null;
    }
    return switch (kind) {
      case "prometheus" -> prometheus(o);
      case "datadog" -> datadog(o);
      case "http" -> http(o);
      case "exec" -> exec(o);
      default -> sleep(o);
    };
  }

  private static PrometheusConfig prometheus(ObjNode o) {
    o.allow(ConfigFields.PROMETHEUS_PROVIDER);
    Duration window = null;
    Duration step = null;
    ObjNode range = o.object("range", false);
    if (range != null) {
      range.allow(ConfigFields.PROMETHEUS_RANGE);
      window = range.duration("window", null, true);
      step = range.duration("step", Duration.ofMinutes(1), false);
    }
    String user = null;
    String password = null;
    ObjNode basic = o.object("basicAuth", false);
    if (basic != null) {
      basic.allow(ConfigFields.BASIC_AUTH);
      user = basic.template("username", true);
      password = basic.secret("password", true);
    }
    return new PrometheusConfig(o.template("address", true), o.template("query", true), window, step,
        o.duration("timeout", Duration.ofSeconds(30), false), o.stringMap("headers", true), o.secret("bearerToken", false),
        user, password);
  }

  private static DatadogConfig datadog(ObjNode o) {
    o.allow(ConfigFields.DATADOG_PROVIDER);
    return new DatadogConfig(o.string("site", "datadoghq.com"), o.template("query", true),
        o.duration("window", Duration.ofMinutes(5), false), o.secret("apiKey", true), o.secret("appKey", true),
        o.oneOf("aggregator", "last", List.of("last", "avg", "min", "max", "sum")));
  }

  private static HttpCheckConfig http(ObjNode o) {
    o.allow(ConfigFields.HTTP_PROVIDER);
    List<Integer> expected = new ArrayList<>();
    Node codes = o.value("expectedStatus");
    if (codes instanceof SequenceNode seq) {
      int i = 0;
      for (Node c : seq.getValue()) {
        String path = o.childPath("expectedStatus") + "[" + i++ + "]";
        if (c instanceof ScalarNode s && s.getTag().equals(Tag.INT) && s.getValue().matches("[1-5][0-9][0-9]")) {
          expected.add(Integer.parseInt(s.getValue()));
        } else {
          o.doc.error(c, path, "must be an HTTP status code (100-599), not " + ObjNode.describe(c));
        }
      }
    } else if (codes != null && !ObjNode.isNull(codes)) {
      o.doc.error(codes, o.childPath("expectedStatus"), "must be a list of status codes, not " + ObjNode.describe(codes));
    }
    String method = o.oneOf("method", "GET", List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    return new HttpCheckConfig(o.template("url", true), method,
        o.stringMap("headers", true), o.template("body", false), o.duration("timeout", Duration.ofSeconds(10), false),
        expected);
  }

  private static ExecCheckConfig exec(ObjNode o) {
    o.allow(ConfigFields.EXEC_PROVIDER);
    return new ExecCheckConfig(o.strings("command", true, true), o.duration("timeout", Duration.ofMinutes(1), false));
  }

  private static SleepConfig sleep(ObjNode o) {
    o.allow(ConfigFields.SLEEP_PROVIDER);
    return new SleepConfig(o.duration("duration", null, true));
  }
}
