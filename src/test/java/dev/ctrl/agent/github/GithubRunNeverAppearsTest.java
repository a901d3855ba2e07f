package dev.ctrl.agent.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.engine.JobFact;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.rollout.Agents;
import dev.ctrl.rollout.FakeClock;
import dev.ctrl.rollout.Providers;
import dev.ctrl.rollout.RolloutLoop;
import dev.ctrl.rollout.RolloutOptions;
import dev.ctrl.rollout.RolloutResult;
import dev.ctrl.store.Database;
import dev.ctrl.store.JooqStore;
import dev.ctrl.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout loop on a test clock with the real github agent: GitHub accepts the dispatch with a
 * 204 and no run ever shows up. The job ends external_run_not_found once the bounded wait after
 * the dispatch has passed (two minutes, passing instantly here), having looked a bounded number of
 * times, and the rollout fails with the reason.
 */
class GithubRunNeverAppearsTest {
  static final Instant T0 = Instant.parse("2026-11-27T10:30:00Z");

  @TempDir Path dir;
  final FakeClock clock = new FakeClock(T0);
  FakeGithub github;
  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    github = new FakeGithub(clock);
    server = github.serveStorefront(3);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Store open() {
    return new JooqStore(Database.open(dir.resolve(".ctrl/state.db"), false));
  }

  @Test
  void aDispatchWhoseRunNeverAppearsEndsExternalRunNotFoundAfterTheBoundedWait() {
    github.mode = FakeGithub.Mode.GHES_OLD;
    github.createRuns = false;
    CliRunner cli = new CliRunner(dir).at(T0);
    cli.ok("init");
    TestFiles.write(dir, "ctrl.yaml", TestFiles.shop("storefront", "github-storefront") + """
        type: JobAgent
        name: github-storefront
        github:
          owner: acme
          repo: storefront
          workflow: deploy.yml
          inputs: {version: "{{ version.tag }}", environment: "{{ environment.name }}", cluster: "{{ resource.name }}"}
          token: ${env:GITHUB_TOKEN}
          apiUrl: %s
        ---
        type: Resource
        identifier: eu-1
        name: eu-1
        kind: KubernetesCluster
        version: v1
        """.formatted(server.url("/")));
    cli.ok("apply", "-f", "ctrl.yaml");
    cli.ok("version", "create", "--deployment", "storefront", "--tag", "v1");

    CelExpressions cel = new CelExpressions();
    TemplateRenderer templates = new TemplateRenderer(cel);
    SecretResolver secrets = new SecretResolver(Map.of("GITHUB_TOKEN", FakeGithub.TOKEN), dir);
    Agents agents = Agents.builtIn(dir.resolve(".ctrl/jobs"), dir, clock, templates, secrets);
    RolloutResult r;
    long realStart = System.nanoTime();
    try (Store store = open()) {
      RolloutLoop loop = new RolloutLoop(store, this::open, clock, clock::advance, agents,
          Providers.builtIn(dir, templates, secrets), cel, e -> {}, "tester", "test-loop");
      r = loop.run(new RolloutOptions(List.of(), List.of(), false, false, Duration.ofMinutes(30), Duration.ZERO, 4));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.exitCode()).as(r.summary()).isEqualTo(1);
    JobFact job;
    try (Store store = open()) {
      job = store.facts().jobs().get(0);
    }
    assertThat(job.status()).isEqualTo("external_run_not_found");
    assertThat(Duration.between(T0, job.completedAt())).isGreaterThanOrEqualTo(GithubAgent.RUN_APPEARS_WITHIN)
        .isLessThan(GithubAgent.RUN_APPEARS_WITHIN.plusSeconds(30));
    assertThat(cli.ok("describe", "job", job.id()).out()).contains("no run with job id " + job.id())
        .contains("run-name");
    // dispatched once (after the refused return_run_details), looked for every 10 s poll, no more
    assertThat(github.dispatches()).isEqualTo(2);
    assertThat(github.requests("GET", "/deploy.yml/runs").size()).isBetween(10, 15);
  }
}
