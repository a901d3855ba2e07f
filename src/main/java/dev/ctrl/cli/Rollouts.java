package dev.ctrl.cli;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.Sleep;
import dev.ctrl.rollout.AgentChecks;
import dev.ctrl.rollout.AgentDecl;
import dev.ctrl.rollout.Agents;
import dev.ctrl.rollout.JobCancel;
import dev.ctrl.rollout.LeaseHolder;
import dev.ctrl.rollout.MetricTrial;
import dev.ctrl.rollout.Providers;
import dev.ctrl.rollout.RolloutListener;
import dev.ctrl.rollout.RolloutLoop;
import dev.ctrl.rollout.RolloutOptions;
import dev.ctrl.rollout.RolloutResult;
import dev.ctrl.rollout.Sleeper;
import dev.ctrl.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wires a rollout loop to the real world (the state file, the exec agent's job records next to
 * it, the environment for secrets, the clock) and to Ctrl-C: a signal asks the loop to stop and
 * waits for it to record what it knows and release its leases before the process exits (130).
 */
final class Rollouts {
  private Rollouts() {}

  static RolloutResult run(CliContext ctx, RolloutOptions options, RolloutListener listener) {
    try (Store store = ctx.openStore()) {
      Wiring w = new Wiring(ctx);
      RolloutLoop loop = new RolloutLoop(store, ctx::openStore, ctx.clock(), Sleeper.REAL, w.agents, w.providers(ctx),
          w.cel, listener, ctx.actor(), holder(ctx));
      CountDownLatch done = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        loop.stop();
        try {
          done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "ctrl-rollout-interrupt");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        return loop.run(options);
      } finally {
        done.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down (Ctrl-C): the hook is running and sees `done`
        }
      }
    }
  }

  /** `ctrl job cancel`, with the same agents the loop uses. */
  static JobCancel.Result cancel(CliContext ctx, String jobId) {
    try (Store store = ctx.openStore()) {
      return JobCancel.cancel(store, new Wiring(ctx).agents, ctx.clock(), ctx.actor(), jobId);
    }
  }

  /** `ctrl agent check NAME`: the declared agent's own checks against its real system. */
  static List<AgentCheck> check(CliContext ctx, String name) {
    AgentDecl decl;
    try (Store store = ctx.openStore()) {
      decl = AgentChecks.declared(store, name);
    }
    Wiring w = new Wiring(ctx);
    return AgentChecks.check(w.agents, decl, w.base, ctx.env());
  }

  /** `ctrl verify test`: one measurement of a declared metric with the real providers; writes nothing. */
  static MetricTrial.Outcome trial(CliContext ctx, Path file, String metric, String target) {
    try (Store store = ctx.openStore()) {
      Wiring w = new Wiring(ctx);
      return MetricTrial.run(store, w.providers(ctx), w.cel, ctx.clock(), file, ctx.cwd(), metric, target);
    }
  }

  /** The real agents and what they need: CEL, templates, secrets from the environment, the project directory. */
  private static final class Wiring {
    final Path base;
    final CelExpressions cel = new CelExpressions();
    final TemplateRenderer templates = new TemplateRenderer(cel);
    final SecretResolver secrets;
    final Agents agents;

    Wiring(CliContext ctx) {
      Path state = ctx.statePath();
      base = baseDir(state);
      secrets = new SecretResolver(ctx.env(), base);
      agents = Agents.builtIn(state.toAbsolutePath().getParent().resolve("jobs"), base, ctx.clock(), templates, secrets);
    }

    /** The real metric providers, for the loop's verifications and `ctrl verify test` alike. */
    Providers providers(CliContext ctx) {
      return Providers.builtIn(base, templates, secrets, ctx.clock(), Sleep.REAL);
    }
  }

  /**
   * Where commands and health checks run and relative `${file:}` paths start: the project
   * directory that holds `.ctrl/`, or the state file's own directory for a `--db` elsewhere.
   */
  static Path baseDir(Path state) {
    Path dir = state.toAbsolutePath().getParent();
    return dir.getFileName() != null && dir.getFileName().toString().equals(".ctrl") ? dir.getParent() : dir;
  }

  /**
   * Who holds the leases: host, pid, start and PID namespace, so a waiting loop can say who it
   * waits for, and a restart on this host can tell that a killed loop's lease is free.
   */
  static String holder(CliContext ctx) {
    String host = ctx.env().getOrDefault("HOSTNAME", "");
    if (host.isBlank()) {
      try {
        host = java.nio.file.Files.readString(Path.of("/etc/hostname")).strip();
      } catch (java.io.IOException e) {
        host = "localhost";
      }
    }
    return LeaseHolder.of(host, Instant.ofEpochMilli(ctx.clock().millis()));
  }
}
