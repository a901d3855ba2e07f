package dev.ctrl.agent.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The multi-team example's Argo CD template: the file next to agents.yaml says the same as the
 * inline template, and it renders into an Application the fake Argo CD accepts.
 */
class ArgoCdExampleTest {
  static final Path EXAMPLE = Path.of("examples/multi-team");

  @SuppressWarnings("unchecked")
  static String inlineTemplate() throws Exception {
    for (Object doc : new Yaml().loadAll(Files.readString(EXAMPLE.resolve("agents.yaml")))) {
      Map<String, Object> m = (Map<String, Object>) doc;
      if ("argocd".equals(m.get("name"))) {
        return (String) ((Map<String, Object>) m.get("argocd")).get("application");
      }
    }
    throw new AssertionError("no argocd agent in agents.yaml");
  }

  @Test
  void theTemplateFileAndTheInlineTemplateAreTheSame() throws Exception {
    String file = Files.readString(EXAMPLE.resolve("argocd/application.yaml.tmpl"));
    String withoutHeader = String.join("\n", file.lines().dropWhile(l -> l.startsWith("#")).toList()) + "\n";
    assertThat(withoutHeader).isEqualTo(inlineTemplate());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theExampleRendersIntoAnApplicationArgoCdAccepts() throws Exception {
    try (FakeArgoCd argo = new FakeArgoCd().token("example-token-1234").project("payments")) {
      AgentSupport support = new AgentSupport(new TemplateRenderer(new CelExpressions()),
          new SecretResolver(Map.of("ARGOCD_TOKEN", "example-token-1234"), Path.of(".")), Clock.systemUTC(), d -> {});
      ArgoCdAgent agent = new ArgoCdAgent("argocd", Map.of("server", argo.url(), "token", "${env:ARGOCD_TOKEN}"),
          support);
      Map<String, Object> vars = new HashMap<>();
      vars.put("deployment", Map.of("name", "payments-api", "metadata", Map.of("team", "payments")));
      vars.put("environment", Map.of("name", "production", "metadata", Map.of()));
      vars.put("resource", Map.of("identifier", "prod-eu-1", "name", "prod-eu-1", "metadata", Map.of(),
          "config", Map.of("argocdCluster", "prod-eu-west-1")));
      vars.put("version", Map.of("tag", "2.3.0", "metadata", Map.of(), "config", Map.of()));
      vars.put("job", Map.of("id", "j-1", "kind", "deploy", "attempt", 1L));
      vars.put("release", Map.of("target", "payments-api/production/prod-eu-1", "version", "2.3.0"));
      vars.put("variables", Map.of());
      Map<String, Object> config = Map.of("project", "payments", "application", inlineTemplate());
      String ref = agent.dispatch(new DispatchRequest("0b5e55ed-0000-4000-8000-0000000000e1", List.of(), Map.of(),
          null, 0, config, vars));
      assertThat(ref).isEqualTo("payments/payments-api-prod-eu-1/0b5e55ed-0000-4000-8000-0000000000e1/wait");
      Map<String, Object> app = argo.app("payments-api-prod-eu-1");
      assertThat(JsonPath.text(app, "spec", "destination", "name")).isEqualTo("prod-eu-west-1");
      assertThat((List<Object>) JsonPath.list(app, "spec", "source", "helm", "valueFiles")).containsExactly("values-production.yaml");
      assertThat((List<Object>) JsonPath.list(app, "spec", "syncPolicy", "syncOptions")).containsExactly("CreateNamespace=true");
    }
  }
}
