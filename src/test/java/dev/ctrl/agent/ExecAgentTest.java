package dev.ctrl.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.agent.exec.ExecAgent;
import dev.ctrl.model.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local agent against real processes (bounded waits for them to end; no timing assertions). */
class ExecAgentTest {
  @TempDir Path dir;

  ExecAgent agent() {
    return new ExecAgent(dir.resolve("jobs"), java.time.Clock.systemUTC());
  }

  DispatchRequest request(String jobId, long timeout, String... command) {
    return new DispatchRequest(jobId, List.of(command), Map.of("CTRL_JOB_ID", jobId, "CTRL_VERSION", "v1.2.3"),
        dir.toString(), timeout);
  }

  /** Polls until the job ends, for at most 30 s. */
  static PollResult waitForEnd(JobAgent agent, String ref) throws Exception {
    for (int i = 0; i < 600; i++) {
      PollResult r = agent.poll(ref);
      if (r.status().terminal()) {
        return r;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + ref + " did not end");
  }

  @Test
  void successfulCommandSeesTheJobContextAndItsOutputIsKept() throws Exception {
    ExecAgent agent = agent();
    String ref = agent.dispatch(request("job-1", 60, "sh", "-c", "echo deploying $CTRL_VERSION for $CTRL_JOB_ID; pwd"));
    assertThat(ref).isEqualTo("job-1");
    PollResult r = waitForEnd(agent, ref);
    assertThat(r.status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(agent.output("job-1")).hasValueSatisfying(out ->
        assertThat(out).contains("deploying v1.2.3 for job-1").contains(dir.toString()));
  }

  @Test
  void nonZeroExitIsAFailureWithTheLastLineOfOutput() throws Exception {
    ExecAgent agent = agent();
    PollResult r = waitForEnd(agent, agent.dispatch(request("job-2", 60, "sh", "-c", "echo step 1; echo disk full >&2; exit 3")));
    assertThat(r.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(r.message()).isEqualTo("exited with status 3: disk full");
  }

  @Test
  void aCommandThatDoesNotExistIsAnInvalidJobAgent() throws Exception {
    ExecAgent agent = agent();
    PollResult r = waitForEnd(agent, agent.dispatch(request("job-3", 60, "./no-such-deploy-script.sh")));
    assertThat(r.status()).isEqualTo(JobStatus.INVALID_JOB_AGENT);
    assertThat(r.message()).startsWith("the command could not be run").contains("no-such-deploy-script.sh");
  }

  @Test
  void aJobThatRunsTooLongIsStoppedAndFailed() throws Exception {
    ExecAgent agent = agent();
    PollResult r = waitForEnd(agent, agent.dispatch(request("job-4", 1, "sleep", "30")));
    assertThat(r.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(r.message()).isEqualTo("timed out after 1s");
  }

  @Test
  void theCommandRunsInItsOwnSessionAndIsFoundAgainAfterARestart() throws Exception {
    ExecAgent agent = agent();
    agent.dispatch(request("job-5", 60, "sleep", "30"));
    long pid = 0;
    for (int i = 0; i < 100 && pid == 0; i++) {
      Path pidFile = dir.resolve("jobs/job-5/pid");
      if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
        pid = Long.parseLong(Files.readString(pidFile).trim());
      } else {
        Thread.sleep(50);
      }
    }
    // its own session (the batch shell's, shared with the jobs started with it), not the loop's
    assertThat(session(pid)).isNotEqualTo(session(ProcessHandle.current().pid()));
    // a new agent (a restarted loop) finds and polls the same job
    ExecAgent restarted = agent();
    assertThat(restarted.find("job-5")).contains("job-5");
    assertThat(restarted.poll("job-5").status()).isEqualTo(JobStatus.IN_PROGRESS);
    restarted.cancel("job-5");
    PollResult r = waitForEnd(restarted, "job-5");
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    // the wrapper exits right after recording the end
    for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
      Thread.sleep(50);
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aJobWhoseProcessNeverStartedIsNotFoundSoItIsDispatchedAgainAndFailsAfterTheGracePeriodOtherwise()
      throws Exception {
    // the state a crash leaves between writing the marker and starting the process
    Path job = Files.createDirectories(dir.resolve("jobs/job-6"));
    java.time.Instant t0 = java.time.Instant.parse("2026-11-27T10:00:00Z");
    Files.writeString(job.resolve("dispatched"), Long.toString(t0.toEpochMilli()));
    ExecAgent early = new ExecAgent(dir.resolve("jobs"), java.time.Clock.fixed(t0.plusSeconds(10), java.time.ZoneOffset.UTC));
    // nothing ran: the restarted loop may dispatch it (again), see below
    assertThat(early.find("job-6")).isEmpty();
    assertThat(early.poll("job-6").status()).isEqualTo(JobStatus.PENDING);
    // a job recorded as dispatched whose process never came up fails after the grace period
    ExecAgent late = new ExecAgent(dir.resolve("jobs"), java.time.Clock.fixed(t0.plusSeconds(31), java.time.ZoneOffset.UTC));
    PollResult r = late.poll("job-6");
    assertThat(r.status()).isEqualTo(JobStatus.FAILURE);
    assertThat(r.message()).startsWith("the job's process never started");
  }

  @Test
  void aJobDispatchedTwiceRunsItsCommandOnce() throws Exception {
    ExecAgent agent = agent();
    Path log = dir.resolve("runs.log");
    // the second wrapper may start before the first has claimed the job, or after
    agent.dispatch(request("job-7", 60, "sh", "-c", "echo run >> " + log + "; sleep 1"));
    agent.dispatch(request("job-7", 60, "sh", "-c", "echo run >> " + log + "; sleep 1"));
    PollResult r = waitForEnd(agent, "job-7");
    assertThat(r.status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(agent.find("job-7")).contains("job-7"); // claimed (right after dispatch it may not be yet)
    Thread.sleep(500); // a second run would have appended by now
    assertThat(Files.readAllLines(log)).containsExactly("run");
  }

  @Test
  void environmentValuesReachOnlyTheirOwnJobAndNeverAProcessCommandLine() throws Exception {
    ExecAgent agent = agent();
    String secret = "s3cr3t-" + System.nanoTime();
    Path marker = dir.resolve("running");
    List<DispatchRequest> batch = List.of(
        new DispatchRequest("job-s1", List.of("sh", "-c", "echo \"token=$TOKEN other=$OTHER\"; touch " + marker
            + "; sleep 2"), Map.of("TOKEN", secret, "SPACED", "a b  c"), dir.toString(), 60),
        new DispatchRequest("job-s2", List.of("sh", "-c", "echo \"token=$TOKEN other=$OTHER spaced=$SPACED\""),
            Map.of("OTHER", "o"), dir.toString(), 60));
    agent.dispatchAll(batch);
    for (int i = 0; i < 200 && !Files.exists(marker); i++) {
      Thread.sleep(25);
    }
    assertThat(marker).exists(); // the batch shell and job-s1 are running now
    List<String> commandLines = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse("")).toList();
    assertThat(commandLines).noneMatch(c -> c.contains(secret));
    assertThat(waitForEnd(agent, "job-s1").status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(waitForEnd(agent, "job-s2").status()).isEqualTo(JobStatus.SUCCESSFUL);
    assertThat(agent.output("job-s1")).contains("token=" + secret + " other=\n");
    assertThat(agent.output("job-s2")).contains("token= other=o spaced=\n");
    try (var files = Files.walk(dir.resolve("jobs"))) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("output.log")).toList()) {
        assertThat(Files.readString(f)).doesNotContain(secret);
      }
    }
  }

  @Test
  void unknownJobsAreNotFound() throws Exception {
    ExecAgent agent = agent();
    assertThat(agent.find("job-x")).isEmpty();
    assertThat(agent.poll("job-x").status()).isEqualTo(JobStatus.EXTERNAL_RUN_NOT_FOUND);
  }

  /** The session id of a process (field 6 of /proc/PID/stat). */
  static long session(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }
}
