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
import dev.ctrl.CtrlException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Hidden: representative workloads that install.sh runs with the JVM recording every class they
 * load, to build the class-data-sharing archives that make `ctrl` start fast. `all` covers the
 * common commands; `create` only `version create` and `ci` the rest of the CI path (on Java 25
 * the launcher gives those commands AOT caches of their own: an AOT cache loads every class it
 * holds at start); `prepare` makes the project they run in, in a JVM that records nothing.
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

  @Parameters(index = "0", arity = "0..1", paramLabel = "WORKLOAD", description = "all (default), prepare, create or ci.")
  String workload = "all";

  @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Project directory for prepare and ci.")
  Path project;

  /** `version create`, which every CI build runs: on Java 25 it gets an AOT cache of its own. */
  private static final String[][] CREATE_STEPS = {
    {"version", "create", "--deployment", "api", "--tag", "v1.0.0", "--metadata", "sha=abc", "--link", "ci=http://x"},
    {"version", "create", "--deployment", "api", "--tag", "v1.0.0", "--message", "again"},
    {"version", "create", "--deployment", "api", "--tag", "v1.0.1", "-o", "json"},
    {"version", "create", "--deployment", "nope", "--tag", "v1"},
    {"--version"},
  };

  /** The rest of the CI path: commands that run in many builds, for the cache they share. */
  private static final String[][] CI_STEPS = {
    {"version", "create", "--deployment", "api", "--tag", "v1.0.0"},
    {"version", "create", "--deployment", "api", "--tag", "v1.0.1"},
    {"version", "list", "--deployment", "api"},
    {"version", "set-status", "--deployment", "api", "--tag", "v1.0.1", "--status", "paused"},
    {"get", "targets"},
    {"get", "targets", "-o", "json"},
    {"get", "versions", "-o", "json"},
    {"get", "environments"},
    {"get", "jobs", "-o", "json"},
    {"approve", "--deployment", "api", "--tag", "v1.0.0", "--environment", "production"},
    {"reject", "--deployment", "api", "--tag", "v1.0.1", "--environment", "production", "--reason", "no"},
  };

  private static final String[][] OTHER_STEPS = {
    {"get", "policies", "-o", "yaml"},
    {"describe", "target", "api/production/k8s/prod"},
    {"status"},
  };

  TrainingCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    switch (workload) {
      case "prepare" -> prepare(required());
      case "create" -> run(required(), CREATE_STEPS);
      case "ci" -> run(required(), CI_STEPS);
      case "all" -> {
        Path dir = Files.createTempDirectory("ctrl-training");
        try {
          prepare(dir);
          run(dir, CREATE_STEPS);
          run(dir, CI_STEPS);
          run(dir, OTHER_STEPS);
        } finally {
          delete(dir);
        }
      }
      default -> throw CtrlException.usage("unknown workload \"" + workload + "\" (use all, prepare, create or ci)");
    }
    return 0;
  }

  private Path required() {
    if (project == null) {
      throw CtrlException.usage("the " + workload + " workload needs a directory");
    }
    return project;
  }

  /** A project with a state file and the configuration above (its own JVM: apply loads YAML and CEL). */
  private void prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("config.yaml"), CONFIG);
    run(dir, new String[][] {{"init"}, {"apply", "-f", "config.yaml"}});
  }

  private void run(Path dir, String[][] steps) {
    Map<String, String> env = new HashMap<>();
    env.put("CTRL_USER", "training");
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CliContext quiet = new CliContext(env, dir, sink, sink, ctx.clock(), false);
    for (String[] step : steps) {
      Main.run(quiet, step);
    }
  }

  private static void delete(Path dir) throws IOException {
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
}
