package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import dev.ctrl.model.VersionStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agent configuration precedence (agent < deployment < version) and what an exec job is given. */
class ExecRequestsTest {
  final TemplateRenderer templates = new TemplateRenderer(new CelExpressions());
  final SecretResolver secrets = new SecretResolver(Map.of("TOKEN", "t0k3n"), Path.of("/srv/app"));
  final JobContext job = new JobContext(new TargetKey("api", "production", "k8s/eu"),
      new DeploymentSpec("api", null, List.of("shop"), "true", "local", Map.of(), Map.of()),
      new EnvironmentSpec("production", null, List.of("shop"), "true", Map.of()),
      new ResourceSpec("k8s/eu", "eu", "KubernetesCluster", "v1", Map.of("region", "eu-west-1"), Map.of()),
      new Version(7, "api", "v1.4.2", null, VersionStatus.READY, Map.of(), Map.of(), Map.of(), null,
          Instant.EPOCH, Instant.EPOCH),
      "job-1", "deploy", 2);

  @Test
  void versionOverridesDeploymentOverridesAgentMapsMergeListsReplace() {
    Map<String, Object> agent = Map.of("command", List.of("deploy.sh", "--all"), "env",
        Map.of("A", "agent", "B", "agent"), "timeout", "5m");
    Map<String, Object> deployment = Map.of("env", Map.of("B", "deployment", "C", "deployment"));
    Map<String, Object> version = Map.of("command", List.of("deploy.sh", "--canary"), "env", Map.of("C", "version"));
    Map<String, Object> merged = ConfigMerge.merge(agent, deployment, version);
    assertThat(merged.get("command")).isEqualTo(List.of("deploy.sh", "--canary"));
    assertThat(merged.get("env")).isEqualTo(Map.of("A", "agent", "B", "deployment", "C", "version"));
    assertThat(merged.get("timeout")).isEqualTo("5m");
  }

  @Test
  void templatesAndSecretsAreResolvedAndTheJobContextIsInTheEnvironment() throws Exception {
    DispatchRequest r = ExecRequests.build(Map.of(
        "command", List.of("deploy.sh", "{{ resource.metadata.region }}", "{{ version.tag }}"),
        "env", Map.of("TOKEN", "${env:TOKEN}", "ATTEMPT", "{{ job.attempt }}"),
        "workingDir", "deploy/{{ environment.name }}", "timeout", "90s"), job, templates, secrets, Path.of("/srv/app"));
    assertThat(r.command()).containsExactly("deploy.sh", "eu-west-1", "v1.4.2");
    assertThat(r.env()).containsEntry("TOKEN", "t0k3n").containsEntry("ATTEMPT", "2")
        .containsEntry("CTRL_JOB_ID", "job-1").containsEntry("CTRL_DEPLOYMENT", "api")
        .containsEntry("CTRL_ENVIRONMENT", "production").containsEntry("CTRL_RESOURCE", "k8s/eu")
        .containsEntry("CTRL_VERSION", "v1.4.2").containsEntry("CTRL_JOB_KIND", "deploy");
    assertThat(r.workingDir()).isEqualTo("/srv/app/deploy/production");
    assertThat(r.timeoutSeconds()).isEqualTo(90);
  }

  @Test
  void aTemplateValueThatLooksLikeASecretReferenceIsNotResolved() throws Exception {
    // a resource's metadata is written by whoever may apply; it must not read ctrl's environment
    JobContext sneaky = new JobContext(job.key(), job.deployment(), job.environment(),
        new ResourceSpec("k8s/eu", "eu", "KubernetesCluster", "v1", Map.of("region", "${env:TOKEN}"), Map.of()),
        job.version(), job.jobId(), job.kind(), job.attempt());
    DispatchRequest r = ExecRequests.build(Map.of("command", List.of("deploy.sh", "{{ resource.metadata.region }}"),
        "env", Map.of("AUTH", "Bearer ${env:TOKEN} for {{ resource.name }}")), sneaky, templates, secrets,
        Path.of("/srv/app"));
    assertThat(r.command()).containsExactly("deploy.sh", "${env:TOKEN}");
    assertThat(r.env()).containsEntry("AUTH", "Bearer t0k3n for eu");
  }

  @Test
  void whatCannotBeResolvedIsNamedWithoutAnyValue() {
    assertThatThrownBy(() -> ExecRequests.build(Map.of("command", List.of("x"), "env", Map.of("K", "${env:MISSING}")),
        job, templates, secrets, Path.of("/srv/app")))
        .hasMessage("env.K: ${env:MISSING}: the environment variable MISSING is not set");
    assertThatThrownBy(() -> ExecRequests.build(Map.of("command", List.of("{{ resource.metadata.zone }}")), job,
        templates, secrets, Path.of("/srv/app"))).hasMessageStartingWith("command[0]: {{ resource.metadata.zone }}");
    assertThatThrownBy(() -> ExecRequests.build(Map.of("command", List.of()), job, templates, secrets,
        Path.of("/srv/app"))).hasMessageContaining("no command");
  }
}
