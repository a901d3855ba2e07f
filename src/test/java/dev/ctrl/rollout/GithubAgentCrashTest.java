package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.TestFiles;
import dev.ctrl.agent.github.FakeGithub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real `ctrl rollout` process killed (SIGKILL) after GitHub received its dispatch but before
 * the answer came, so the state holds the job marked dispatching without a run. The next rollout
 * must find the run by the job id in its name (listed only after a few looks: runs appear late)
 * and follow it to the end: GitHub sees exactly one dispatch.
 */
class GithubAgentCrashTest {
  @TempDir Path dir;
  CtrlProcesses ctrl;
  MockWebServer server;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (ctrl != null) {
      ctrl.killAll();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void aLoopKilledBetweenTheDispatchAndItsRecordIsRecoveredByFindNotDispatchedTwice() throws Exception {
    FakeGithub github = new FakeGithub(Clock.systemUTC());
    server = github.serveStorefront(4);
    github.hiddenForLists = 2;
    CountDownLatch answers = new CountDownLatch(1);
    github.holdDispatchAnswers = answers; // the run exists; the answer never reaches the killed loop
    Path token = TestFiles.write(dir, "github-token", FakeGithub.TOKEN + "\n");

    ctrl = new CtrlProcesses(dir);
    ctrl.init(TestFiles.shop("storefront", "github-storefront") + """
        type: JobAgent
        name: github-storefront
        github:
          owner: acme
          repo: storefront
          workflow: deploy.yml
          inputs: {version: "{{ version.tag }}", environment: "{{ environment.name }}", cluster: "{{ resource.name }}"}
          token: ${file:%s}
          apiUrl: %s
          pollInterval: 100ms
        ---
        type: Resource
        identifier: eu-1
        name: eu-1
        kind: KubernetesCluster
        version: v1
        """.formatted(token.toAbsolutePath(), server.url("/")));
    ctrl.ok("version", "create", "--deployment", "storefront", "--tag", "v1");

    CtrlProcesses.Run first = ctrl.start("rollout", "--timeout", "2m");
    assertThat(CtrlProcesses.poll(Duration.ofSeconds(90), () -> github.dispatches() == 1 || !first.process().isAlive()))
        .as(first.output()).isTrue();
    assertThat(first.process().isAlive()).as(first.output()).isTrue();
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    String jobId = ctrl.column("SELECT id FROM jobs").get(0);
    assertThat(ctrl.column("SELECT dispatching || ' ' || COALESCE(external_id, 'none') FROM jobs"))
        .containsExactly("1 none");
    assertThat(github.run(jobId)).as("the run GitHub created for the job").isNotNull();

    github.holdDispatchAnswers = null;
    answers.countDown();
    CtrlProcesses.Run second = ctrl.start("rollout", "--timeout", "2m");
    assertThat(second.await(Duration.ofMinutes(3))).as(second.output()).isZero();
    assertThat(github.dispatches()).as(second.output()).isEqualTo(1);
    assertThat(ctrl.column("SELECT status || ' ' || external_id FROM jobs"))
        .containsExactly("successful github:run:acme/storefront/" + github.run(jobId).id);
    assertThat(second.stdout()).contains("recovered after a restart");
    // the run was listed late: the first looks found nothing, and that was not taken for "never dispatched"
    assertThat(github.requests("GET", "/deploy.yml/runs").size()).isGreaterThanOrEqualTo(3);
  }
}
