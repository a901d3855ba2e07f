package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted loop polls jobs an earlier process dispatched before it has resolved anything
 * itself; the vendor may echo the agent's token in what it answers. The token must already be
 * known to the redactors then.
 */
class AgentsSecretsTest {
  @TempDir Path dir;

  @Test
  void aRemoteAgentsSecretsAreKnownForRedactionAsSoonAsTheAgentIsBuilt() {
    SecretResolver secrets = new SecretResolver(Map.of("ARGOCD_TOKEN", "argo-t0ken-value"), dir);
    Agents agents = Agents.builtIn(dir.resolve("jobs"), dir, Clock.systemUTC(),
        new TemplateRenderer(new CelExpressions()), secrets);
    assertThat(secrets.resolvedValues()).isEmpty();
    // the agent's configuration block, as World reads it from the JobAgent document
    agents.agent(new AgentDecl("argo", "argocd",
        Map.of("server", "https://argocd.example.com", "token", "${env:ARGOCD_TOKEN}", "application", "x")));
    assertThat(secrets.resolvedValues()).containsExactly("argo-t0ken-value");
  }
}
