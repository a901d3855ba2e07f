package dev.ctrl.cli;

import dev.ctrl.engine.Measurement;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.rollout.MetricTrial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "test",
    description = {"Measure one verification metric once, now, against its real provider, with the templates of a"
        + " release target, and print the raw answer, the `result` map its conditions read and the verdict.",
        "Writes nothing. Exits 0 when the measurement passes, 1 when it fails, is inconclusive, has no data or errs."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl verify test policies/health.yaml --metric error-rate",
        "  ctrl verify test health.yaml --metric p99 --target api/prod/eu -o json"})
final class VerifyTestCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "FILE", description = "A YAML file (or directory) holding the Policy that declares the metric.")
  Path file;

  @Option(names = "--metric", required = true, paramLabel = "NAME", description = "The metric's name.")
  String metric;

  @Option(names = "--target", paramLabel = "KEY",
      description = "The release target (deployment/environment/resource) whose context templates read;"
          + " default: the first target the policy applies to.")
  String target;

  VerifyTestCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    MetricTrial.Outcome o = Rollouts.trial(ctx, ctx.cwd().resolve(file).toAbsolutePath().normalize(), metric, target);
    Measurement m = o.measurement();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("policy", o.policy());
    json.put("metric", o.metric().name());
    json.put("provider", o.metric().provider().typeName());
    json.put("target", o.target());
    json.put("version", o.version());
    json.put("verdict", m.kind().wire());
    json.put("passed", o.passed());
    json.put("message", m.message());
    json.put("counts", counts(o));
    json.put("result", displayable(o.result()));
    json.put("raw", o.raw());
    ctx.renderer().object(json, () -> human(o));
    return o.passed() ? 0 : 1;
  }

  private void human(MetricTrial.Outcome o) {
    var out = ctx.out();
    Measurement m = o.measurement();
    out.println("metric " + o.metric().name() + " (" + o.metric().provider().typeName() + ", policy " + o.policy()
        + ") on " + o.target() + " at version " + o.version());
    if (o.raw() != null) {
      out.println();
      out.println("raw response:");
      o.raw().strip().lines().limit(40).forEach(l -> out.println("  " + l));
    }
    out.println();
    out.println("result:");
    JsonText.pretty(displayable(o.result())).lines().forEach(l -> out.println("  " + l));
    out.println();
    String colour = o.passed() ? "green" : m.kind() == Measurement.Kind.ERROR ? "yellow" : "red";
    out.println("verdict: " + ctx.renderer().paint(m.kind().wire(), colour)
        + (m.message() == null ? "" : ": " + m.message()));
    out.println("in a rollout: " + counts(o));
  }

  /** What the loop would make of this measurement. */
  private static String counts(MetricTrial.Outcome o) {
    MetricSpec metric = o.metric();
    return switch (o.measurement().kind()) {
      case PASSED -> "counts as passed";
      case FAILED -> "counts as failed (the metric fails after more than " + metric.failureThreshold() + ")";
      case INCONCLUSIVE -> "counts as inconclusive (judged, neither passed nor failed)";
      case ERROR -> "an error, not a failure: the metric fails after more than " + metric.consecutiveErrorLimit()
          + " errors in a row";
      case NO_DATA -> switch (metric.onNoData()) {
        case WAIT -> "no data, onNoData: wait: not judged; measured again after " 
            + dev.ctrl.model.Durations.format(metric.interval());
        case INCONCLUSIVE -> "no data, onNoData: inconclusive: counts as inconclusive";
        case FAIL -> "no data, onNoData: fail: counts as failed";
        case PASS -> "no data, onNoData: pass: counts as passed";
      };
    };
  }

  /** NaN and infinities have no JSON form: shown as the strings Prometheus writes ("NaN", "+Inf", "-Inf"). */
  static Object displayable(Object v) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return d.isNaN() ? "NaN" : d > 0 ? "+Inf" : "-Inf";
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, x) -> out.put(String.valueOf(k), displayable(x)));
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(x -> out.add(displayable(x)));
      return out;
    }
    return v;
  }
}
