package dev.ctrl.agent.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import dev.ctrl.json.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real `ctrl rollout` process killed (SIGKILL) after Terraform Cloud created its run and before
 * the loop could record the run id: the next rollout finds the run by its message (the job id)
 * and follows it; Terraform Cloud sees exactly one POST /runs.
 */
class TerraformCloudCrashTest {
  @TempDir Path dir;
  FakeTerraformCloud tfc;
  Process loop;

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null && loop.isAlive()) {
      loop.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (tfc != null) {
      tfc.close();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aLoopKilledBetweenTheRunsCreationAndItsRecordIsRecoveredByFindAndNeverDispatchesTwice() throws Exception {
    tfc = new FakeTerraformCloud();
    CliRunner cli = new CliRunner(dir).clock(Clock.systemUTC());
    if (System.getenv("HOSTNAME") != null) {
      cli.env("HOSTNAME", System.getenv("HOSTNAME")); // the same holder host as the killed process: lease taken over
    }
    cli.ok("init");
    TestFiles.write(dir, "tfc-token", FakeTerraformCloud.TOKEN);
    TestFiles.write(dir, "terraform/main.tf", "variable \"image_tag\" {}\n");
    TestFiles.write(dir, "ctrl.yaml", TerraformCloudRolloutTest.config(tfc.address(), "${file:tfc-token}",
        "variables: {image_tag: \"{{ version.tag }}\"}"));
    cli.ok("apply", "-f", "ctrl.yaml");
    cli.ok("version", "create", "--deployment", "network", "--tag", "v2");

    AtomicReference<Process> started = new AtomicReference<>();
    tfc.afterRunCreated = () -> {
      // the run exists in Terraform Cloud; the loop dies before it hears of it
      try {
        while (started.get() == null) {
          Thread.sleep(10);
        }
        started.get().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return FakeTerraformCloud.dropped();
    };
    loop = ctrl(dir, "rollout", "--timeout", "1m");
    started.set(loop);
    assertThat(loop.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(loop.exitValue()).as(Files.readString(dir.resolve("loop.err"))).isEqualTo(137); // SIGKILL
    assertThat(tfc.runs).hasSize(1);
    String run = tfc.runs.keySet().iterator().next();
    Map<String, Object> job = onlyJob(cli);
    assertThat(job.get("externalId")).as("the dead loop never recorded the run").isNull();
    assertThat((String) tfc.runs.get(run).message).startsWith("ctrl job " + job.get("id"));

    tfc.afterRunCreated = () -> null;
    CliRunner.Result r = cli.run("rollout", "--timeout", "1m");
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("recovered after a restart");
    assertThat(tfc.requests("POST /runs")).as("dispatched once").hasSize(1);
    assertThat(onlyJob(cli)).containsEntry("status", "successful").containsEntry("externalId", run);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyJob(CliRunner cli) {
    List<Object> jobs = (List<Object>) JsonText.parse(cli.ok("get", "jobs", "-o", "json").out());
    assertThat(jobs).hasSize(1);
    return (Map<String, Object>) jobs.get(0);
  }

  /** `ctrl ARGS` as its own JVM in dir, on the test class path, output in loop.out / loop.err. */
  static Process ctrl(Path dir, String... args) throws java.io.IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        "dev.ctrl.Main", "--db", dir.resolve(".ctrl/state.db").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve("loop.out").toFile()).redirectError(dir.resolve("loop.err").toFile());
    pb.environment().put("CTRL_USER", "tester");
    pb.environment().put("NO_COLOR", "1");
    return pb.start();
  }
}
