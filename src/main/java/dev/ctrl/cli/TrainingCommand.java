package dev.ctrl.cli;

import dev.ctrl.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Hidden: a representative workload that install.sh runs once with the JVM recording every class
 * it loads, to build the class-data-sharing archive that makes `ctrl` start fast.
 */
@Command(name = "__training", hidden = true, description = "Run a workload for the start-up archive (install.sh).")
final class TrainingCommand implements Callable<Integer> {
  private static final String CONFIG = """
      type: System
      name: shop
      ---
      type: JobAgent
      name: local
      exec:
        command: ["sh", "-c", "echo {{ version.tag }} {{ resource.identifier }}"]
        timeout: 1m
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
      identifier: k8s/prod
      name: prod
      kind: KubernetesCluster
      version: ctrl/kubernetes/v1
      metadata: {env: prod}
      ---
      type: Policy
      name: gates
      selector: environment.name == "production"
      rules:
        - approval: {minApprovals: 1}
        - gradualRollout: {interval: 1m}
        - deploymentWindow: {rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", duration: 8h, timezone: Europe/Berlin}
        - verification:
            metrics:
              - name: ok
                exec: {command: ["true"]}
      """;

  private final CliContext ctx;

  TrainingCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("ctrl-training");
    try {
      Files.writeString(dir.resolve("config.yaml"), CONFIG);
      Map<String, String> env = new HashMap<>();
      env.put("CTRL_USER", "training");
      PrintWriter sink = new PrintWriter(Writer.nullWriter());
      CliContext quiet = new CliContext(env, dir, sink, sink, ctx.clock(), false);
      String[][] steps = {
        {"init"},
        {"apply", "-f", "config.yaml"},
        {"version", "create", "--deployment", "api", "--tag", "v1.0.0", "--metadata", "sha=abc", "--link", "ci=http://x"},
        {"version", "create", "--deployment", "api", "--tag", "v1.0.0", "--message", "again"},
        {"get", "targets"},
        {"get", "targets", "-o", "json"},
        {"get", "versions", "-o", "json"},
        {"get", "environments"},
        {"get", "policies", "-o", "yaml"},
        {"describe", "target", "api/production/k8s/prod"},
        {"get", "jobs", "-o", "json"},
        {"status"},
        {"version", "set-status", "--deployment", "api", "--tag", "v1.0.0", "--status", "paused"},
        {"version", "create", "--deployment", "nope", "--tag", "v1"},
      };
      for (String[] step : steps) {
        Main.run(quiet, step);
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
    return 0;
  }
}
