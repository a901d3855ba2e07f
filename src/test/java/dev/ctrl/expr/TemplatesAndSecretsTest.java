package dev.ctrl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesAndSecretsTest {
  final TemplateRenderer renderer = new TemplateRenderer(new CelExpressions());
  final Map<String, Object> context = Map.of(
      "resource", Map.of("identifier", "k8s/eu", "metadata", Map.of("region", "eu-west-1")),
      "version", Map.of("tag", "v1.4.2", "config", Map.of("replicas", 3L)),
      "deployment", Map.of("name", "api"));

  @Test
  void rendersPlaceholdersWithCel() throws Exception {
    assertThat(renderer.render("deploy {{ deployment.name }}:{{ version.tag }} to {{ resource.metadata.region }}", context))
        .isEqualTo("deploy api:v1.4.2 to eu-west-1");
    assertThat(renderer.render("{{ version.config.replicas * 2 }} {{ version.config }}", context))
        .isEqualTo("6 {\"replicas\":3}");
    assertThat(renderer.render("plain text", context)).isEqualTo("plain text");
  }

  @Test
  void aMissingKeyIsAnErrorNamingThePlaceholder() {
    assertThatThrownBy(() -> renderer.render("--region={{ resource.metadata.zone }}", context))
        .isInstanceOf(ExprException.class).hasMessageStartingWith("{{ resource.metadata.zone }}: ");
  }

  @Test
  void learningAConfigurationRemembersItsSecretsForRedactionAndSkipsMissingOnes(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("argo.token"), "argo-s3cret\n");
    SecretResolver secrets = new SecretResolver(Map.of("GITHUB_TOKEN", "ghp_value"), dir);
    secrets.learn(Map.of("token", "${env:GITHUB_TOKEN}",
        "nested", Map.of("headers", java.util.List.of("Bearer ${file:argo.token}", "${env:NOT_SET}")),
        "plain", "no reference here", "number", 3));
    assertThat(secrets.resolvedValues()).containsExactlyInAnyOrder("ghp_value", "argo-s3cret");
  }

  @Test
  void secretsResolveFromTheEnvironmentAndFilesAndErrorsNeverShowValues(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("token.txt"), "s3cr3t-from-file\n");
    SecretResolver secrets = new SecretResolver(Map.of("GITHUB_TOKEN", "ghp_value"), dir);
    assertThat(secrets.resolve("Bearer ${env:GITHUB_TOKEN}")).isEqualTo("Bearer ghp_value");
    assertThat(secrets.resolve("${file:token.txt}")).isEqualTo("s3cr3t-from-file");
    assertThat(secrets.resolve("no references")).isEqualTo("no references");
    assertThatThrownBy(() -> secrets.resolve("${env:MISSING}"))
        .hasMessage("${env:MISSING}: the environment variable MISSING is not set");
    assertThatThrownBy(() -> secrets.resolve("${file:nope.txt}")).hasMessageContaining("cannot read")
        .hasMessageNotContaining("s3cr3t");
  }
}
