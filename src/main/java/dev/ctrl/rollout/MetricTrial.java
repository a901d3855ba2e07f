package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.config.ConfigException;
import dev.ctrl.config.ConfigLoader;
import dev.ctrl.config.LoadedConfig;
import dev.ctrl.config.LoadedDocument;
import dev.ctrl.engine.Measurement;
import dev.ctrl.engine.Policies;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.PolicySpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.metrics.MetricSpec;
import dev.ctrl.model.rules.PolicyRule;
import dev.ctrl.model.rules.VerificationRule;
import dev.ctrl.store.StoreReader;
import dev.ctrl.verify.MeasurementTaker;
import dev.ctrl.verify.MetricProvider;
import dev.ctrl.verify.ProviderException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * `ctrl verify test`: one measurement of one declared metric, taken now against its real
 * provider with the templating of a chosen release target, and judged as the loop would judge
 * it. Nothing is written to the state.
 */
public final class MetricTrial {
  /** What the measurement saw and how it was judged. raw is the provider's answer excerpt, or null. */
  public record Outcome(String policy, String target, String version, MetricSpec metric, Measurement measurement,
      Map<String, Object> result, String raw) {
    /** Whether the loop would count this measurement as passed (no data counts as onNoData says). */
    public boolean passed() {
      return measurement.kind() == Measurement.Kind.PASSED
          || measurement.kind() == Measurement.Kind.NO_DATA && metric.onNoData() == MetricSpec.OnNoData.PASS;
    }
  }

  private MetricTrial() {}

  /**
   * @param file a file (or directory) holding the Policy that declares the metric
   * @param targetKey the release target whose context templates read, or null for the first
   *     target (by key) the policy applies to
   */
  public static Outcome run(StoreReader state, Providers providers, CelExpressions cel, Clock clock, Path file,
      Path base, String metricName, String targetKey) {
    LoadedConfig config = ConfigLoader.load(List.of(file), base);
    if (!config.errors().isEmpty()) {
      throw new ConfigException(config.errors());
    }
    PolicySpec policy = null;
    MetricSpec metric = null;
    List<String> declared = new ArrayList<>();
    for (LoadedDocument d : config.documents()) {
      if (!(d.spec() instanceof PolicySpec p)) {
        continue;
      }
      for (PolicyRule r : p.rules()) {
        if (r instanceof VerificationRule v) {
          for (MetricSpec m : v.metrics()) {
            declared.add(m.name());
            if (m.name().equals(metricName) && metric == null) {
              policy = p;
              metric = m;
            }
          }
        }
      }
    }
    if (metric == null) {
      throw CtrlException.usage("no verification metric named " + metricName + " in " + file.getFileName(),
          declared.isEmpty() ? "the file holds no Policy with a verification rule"
              : "its metrics: " + String.join(", ", declared));
    }

    World w = new World(state, cel);
    TargetFact target = targetKey != null ? chosen(w, targetKey) : firstApplying(w, policy, cel);
    Version version = w.index.current(target.id());
    if (version == null) {
      version = w.index.versions(target.key().deployment()).stream()
          .sorted(dev.ctrl.engine.StateIndex.NEWEST_FIRST).findFirst().orElse(null);
    }
    if (version == null) {
      throw CtrlException.usage("deployment " + target.key().deployment() + " has no version yet, so templates"
          + " cannot read `version`", "create one: ctrl version create --deployment " + target.key().deployment()
          + " --tag TAG");
    }
    JobContext ctx = w.context(target.key(), version, "verify-test", "deploy", 1);
    if (ctx == null) {
      throw CtrlException.usage("release target " + target.key() + " lost its deployment, environment or resource");
    }
    MetricProvider provider;
    try {
      provider = providers.provider(metric.provider(), ctx);
    } catch (ProviderException e) {
      return new Outcome(policy.name(), target.key().toString(), version.tag(), metric,
          new Measurement(metric.name(), Measurement.Kind.ERROR, clock.instant(), e.getMessage()), Map.of(), null);
    }
    // keeps the result map itself (the taker keeps only its JSON, where NaN is null)
    AtomicReference<MetricProvider.Result> seen = new AtomicReference<>();
    MetricProvider p = provider;
    MeasurementTaker.Taken taken = new MeasurementTaker(cel).take(metric, () -> {
      MetricProvider.Result r = p.measure();
      seen.set(r);
      return r;
    }, ctx.variables(), clock.instant());
    return new Outcome(policy.name(), target.key().toString(), version.tag(), metric, taken.measurement(),
        seen.get() == null ? Map.of() : seen.get().values(), provider.lastResponse());
  }

  private static TargetFact chosen(World w, String key) {
    TargetFact t;
    try {
      t = w.target(TargetKey.parse(key).toString());
    } catch (RuntimeException e) {
      throw CtrlException.usage("--target " + key + " is not a release target key (deployment/environment/resource)");
    }
    if (t == null) {
      throw CtrlException.usage("no release target " + key, "list them: ctrl get targets");
    }
    return t;
  }

  private static TargetFact firstApplying(World w, PolicySpec policy, CelExpressions cel) {
    Policies only = new Policies(List.of(policy), w.index, cel);
    return w.snapshot.targets().stream()
        .sorted(Comparator.comparing(t -> t.key().toString()))
        .filter(t -> !only.applicable(t).isEmpty())
        .findFirst()
        .orElseThrow(() -> CtrlException.usage("policy " + policy.name() + " applies to no release target in the"
            + " state (is it enabled, and are its deployment, environments and resources applied?)",
            "pick one with --target KEY (ctrl get targets)"));
  }
}
