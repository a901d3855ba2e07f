package dev.ctrl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers to write test inputs. */
public final class TestFiles {
  private TestFiles() {}

  public static Path write(Path dir, String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that no secret is in any file under the project's .ctrl: the state file, its WAL and
   * shared memory, and the exec agent's job records.
   */
  public static void assertStateHoldsNone(Path dir, String... secrets) {
    assertNoFileHolds(dir.resolve(".ctrl"), Integer.MAX_VALUE, secrets);
  }

  /**
   * As assertStateHoldsNone, for the files directly in .ctrl only (state file, WAL, shared
   * memory): for a test whose job prints the secret into its own output under .ctrl/jobs.
   */
  public static void assertStateFileHoldsNone(Path dir, String... secrets) {
    assertNoFileHolds(dir.resolve(".ctrl"), 1, secrets);
  }

  private static void assertNoFileHolds(Path root, int depth, String... secrets) {
    try (java.util.stream.Stream<Path> files = Files.walk(root, depth)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(bytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          org.assertj.core.api.Assertions.assertThat(content).as(f.toString()).doesNotContain(secret);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A runner in dir whose state holds BASE (init, then apply). */
  public static CliRunner withBase(Path dir) {
    CliRunner cli = new CliRunner(dir);
    cli.ok("init");
    write(dir, "base.yaml", BASE);
    cli.ok("apply", "-f", "base.yaml");
    return cli;
  }

  /** The repository root (tests run with the module directory as working directory). */
  public static Path repo() {
    return Path.of("").toAbsolutePath();
  }

  /**
   * System `shop`, environment `production` over every resource, and one deployment on it run by
   * `agent`, each document followed by `---`: the fleet most rollout and integration tests start
   * from; they add the agent and the resources.
   */
  public static String shop(String deployment, String agent) {
    return """
        type: System
        name: shop
        ---
        type: Environment
        name: production
        systems: [shop]
        resourceSelector: "true"
        ---
        type: Deployment
        name: %s
        systems: [shop]
        resourceSelector: "true"
        agent: %s
        ---
        """.formatted(deployment, agent);
  }

  public static final String BASE = """
      type: System
      name: shop
      ---
      type: JobAgent
      name: local
      exec:
        command: ["true"]
      ---
      type: Environment
      name: staging
      systems: [shop]
      resourceSelector: resource.metadata.env == "staging"
      ---
      type: Environment
      name: production
      systems: [shop]
      resourceSelector: resource.metadata.env == "prod"
      ---
      type: Deployment
      name: api
      systems: [shop]
      resourceSelector: resource.kind == "KubernetesCluster"
      agent: local
      ---
      type: Resource
      identifier: k8s/staging
      name: staging
      kind: KubernetesCluster
      version: v1
      metadata: {env: staging}
      ---
      type: Resource
      identifier: k8s/prod-eu
      name: prod-eu
      kind: KubernetesCluster
      version: v1
      metadata: {env: prod, region: eu}
      """;
}
