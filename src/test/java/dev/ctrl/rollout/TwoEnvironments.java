package dev.ctrl.rollout;

import java.util.List;

/**
 * The fleet the end-to-end rollout tests share: system `shop`, an exec agent `local` running the
 * test's command, environments `staging` and `production` picked by the resources' `env` label,
 * deployment `api` on every resource, and three resources per environment.
 */
final class TwoEnvironments {
  private TwoEnvironments() {}

  /** The declarations, with `exec` the agent's exec block (YAML, unindented) and then the test's own documents. */
  static String config(String exec, String more, String stagingPrefix, String productionPrefix) {
    return """
        type: System
        name: shop
        ---
        type: JobAgent
        name: local
        exec:
        %s
        ---
        type: Environment
        name: staging
        systems: [shop]
        resourceSelector: resource.metadata.env == "staging"
        ---
        type: Environment
        name: production
        systems: [shop]
        resourceSelector: resource.metadata.env == "production"
        ---
        type: Deployment
        name: api
        systems: [shop]
        resourceSelector: "true"
        agent: local
        """.formatted(exec.strip().indent(2).stripTrailing()) + more + resources(stagingPrefix, productionPrefix);
  }

  /** Resources named prefix1..prefix3 in each environment (identifier = name). */
  private static String resources(String stagingPrefix, String productionPrefix) {
    StringBuilder b = new StringBuilder();
    for (String env : List.of("staging", "production")) {
      for (int i = 1; i <= 3; i++) {
        String name = (env.equals("staging") ? stagingPrefix : productionPrefix) + i;
        b.append("---\ntype: Resource\nidentifier: ").append(name).append("\nname: ").append(name)
            .append("\nkind: Server\nversion: v1\nmetadata: {env: ").append(env).append("}\n");
      }
    }
    return b.toString();
  }
}
