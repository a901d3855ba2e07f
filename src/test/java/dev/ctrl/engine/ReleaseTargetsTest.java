package dev.ctrl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseTargetsTest {
  final CelExpressions cel = new CelExpressions();

  static ResourceSpec resource(String id, String kind, Map<String, String> metadata) {
    return new ResourceSpec(id, id, kind, "v1", metadata, Map.of());
  }

  static EnvironmentSpec env(String name, String selector, String... systems) {
    return new EnvironmentSpec(name, null, List.of(systems), selector, Map.of());
  }

  static DeploymentSpec dep(String name, String selector, String... systems) {
    return new DeploymentSpec(name, null, List.of(systems), selector, "local", Map.of(), Map.of());
  }

  @Test
  void crossProductFilteredBySelectorsAndSharedSystems() {
    var resources = List.of(resource("a", "K8s", Map.of("env", "prod")), resource("b", "K8s", Map.of("env", "dev")),
        resource("c", "Vm", Map.of("env", "prod")));
    var envs = List.of(env("prod", "resource.metadata.env == 'prod'", "shop"),
        env("dev", "resource.metadata.env == 'dev'", "shop", "billing"));
    var deps = List.of(dep("api", "resource.kind == 'K8s'", "shop"), dep("ledger", "true", "billing"));

    ReleaseTargets.Result r = ReleaseTargets.compute(resources, envs, deps, cel);

    assertThat(r.failures()).isEmpty();
    assertThat(r.targets()).containsExactly(new TargetKey("api", "dev", "b"), new TargetKey("api", "prod", "a"),
        new TargetKey("ledger", "dev", "b"));
  }

  @Test
  void emptyAndFalseSelectorsMatchNothingAndMissingKeysAreFalse() {
    var resources = List.of(resource("a", "K8s", Map.of()));
    var deps = List.of(dep("api", "true", "shop"));
    assertThat(ReleaseTargets.compute(resources, List.of(env("e1", null, "shop")), deps, cel).targets()).isEmpty();
    assertThat(ReleaseTargets.compute(resources, List.of(env("e1", "", "shop")), deps, cel).targets()).isEmpty();
    assertThat(ReleaseTargets.compute(resources, List.of(env("e1", "false", "shop")), deps, cel).targets()).isEmpty();
    ReleaseTargets.Result missing = ReleaseTargets.compute(resources,
        List.of(env("e1", "resource.metadata.env == 'prod'", "shop")), deps, cel);
    assertThat(missing.targets()).isEmpty();
    assertThat(missing.failures()).isEmpty();
    assertThat(ReleaseTargets.compute(resources,
        List.of(env("e1", "!has(resource.metadata.env)", "shop")), deps, cel).targets()).hasSize(1);
  }

  @Test
  void nonBooleanResultIsAFailureNamingTheResource() {
    ReleaseTargets.Result r = ReleaseTargets.compute(List.of(resource("a", "K8s", Map.of())),
        List.of(env("e1", "resource.kind", "shop")), List.of(dep("api", "true", "shop")), cel);
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.resource()).isEqualTo("a");
      assertThat(f.message()).isEqualTo("yields the string \"K8s\", not a boolean (true or false)");
    });
  }
}
