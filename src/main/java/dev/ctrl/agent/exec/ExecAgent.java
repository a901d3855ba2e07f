package dev.ctrl.agent.exec;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.model.JobStatus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local agent: runs a command in its own process session under a small shell wrapper that
 * records its pid, output and exit status in the job's directory. The command outlives the
 * rollout loop (a crash or Ctrl-C of the loop does not reach it), and poll and find read the
 * record, so a restarted loop picks the job up where it is. The external reference is the job id.
 * A job's command runs at most once however often the job is dispatched: its wrapper claims the
 * job before anything else, and a wrapper that finds it claimed exits without running anything.
 */
public final class ExecAgent implements JobAgent {
  /**
   * $1 job dir, $2 working dir, $3 timeout in seconds, then the command. Exit status 126/127: not
   * runnable. First it claims the job by creating `started` exclusively (noclobber, O_EXCL): of
   * two wrappers started for one job, only the one that creates it runs the command. The pid and
   * exit records are written with one echo each, not renamed into place: a `mv` is one more
   * process per job (about 5 ms each here), and a reader takes a record without its final newline
   * (caught mid-write) as not written yet.
   */
  static final String WRAPPER = """
      dir=$1; wd=$2; limit=$3; shift 3
      set -C; { true > "$dir/started"; } 2>/dev/null || exit 0; set +C
      echo $$ > "$dir/pid"
      if cd "$wd" 2>/dev/null; then
        timeout --kill-after=10 "$limit" "$@" > "$dir/output.log" 2>&1 < /dev/null
        code=$?
      else
        echo "ctrl: cannot enter working directory $wd" > "$dir/output.log"
        code=126
      fi
      echo "$code" > "$dir/exit"
      """;

  /** How long a dispatched job may go without its wrapper reporting a pid before it counts as never started. */
  static final java.time.Duration START_GRACE = java.time.Duration.ofSeconds(30);

  private final Path jobsRoot;
  private final java.time.Clock clock;

  /** jobsRoot: the directory of job records, next to the state file. */
  public ExecAgent(Path jobsRoot, java.time.Clock clock) {
    this.jobsRoot = jobsRoot;
    this.clock = clock;
  }

  private Path dir(String jobId) {
    return jobsRoot.resolve(jobId);
  }

  @Override
  public String dispatch(DispatchRequest request) throws AgentException {
    if (request.command().isEmpty()) {
      throw new AgentException("the exec agent has no command to run", false);
    }
    Path dir = dir(request.jobId());
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("timeout"), Long.toString(request.timeoutSeconds()));
      // Written before the process starts: from here on find() knows the job, so a crash at any
      // moment after this line can never lead to a second dispatch.
      Files.writeString(dir.resolve("dispatched"), Long.toString(clock.millis()));
      List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", WRAPPER, "ctrl-job", dir.toString(),
          request.workingDir() == null ? jobsRoot.getParent().toString() : request.workingDir(),
          Long.toString(Math.max(1, request.timeoutSeconds()))));
      argv.addAll(request.command());
      ProcessBuilder pb = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(request.env());
      pb.start(); // not waited for: the job runs on its own
      return request.jobId();
    } catch (IOException e) {
      throw new AgentException("could not start the job's process: " + e.getMessage(), false, e);
    }
  }

  @Override
  public PollResult poll(String jobId) {
    Path dir = dir(jobId);
    if (!Files.isDirectory(dir)) {
      return PollResult.of(JobStatus.EXTERNAL_RUN_NOT_FOUND, "no record of job " + jobId + " in " + jobsRoot);
    }
    PollResult ended = ended(dir);
    if (ended != null) {
      return ended;
    }
    Long pid = pid(dir);
    if (pid == null) {
      Long since = number(read(dir.resolve("dispatched")));
      if (since != null && clock.millis() - since > START_GRACE.toMillis()) {
        return PollResult.of(JobStatus.FAILURE, "the job's process never started (was ctrl stopped while starting it?)");
      }
      return PollResult.of(JobStatus.PENDING, "starting");
    }
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return PollResult.of(JobStatus.IN_PROGRESS, "running (pid " + pid + ")");
    }
    ended = ended(dir); // it may have finished between the two looks
    return ended != null ? ended : PollResult.of(JobStatus.FAILURE,
        "the job's process ended without recording an exit status (was the machine restarted?)");
  }

  private PollResult ended(Path dir) {
    String exit = read(dir.resolve("exit"));
    if (exit == null || !exit.endsWith("\n")) {
      return null; // not written, or caught between the shell's create and its write
    }
    if (Files.exists(dir.resolve("cancelled"))) {
      return PollResult.of(JobStatus.CANCELLED, "cancelled");
    }
    int code;
    try {
      code = Integer.parseInt(exit.trim());
    } catch (NumberFormatException e) {
      return PollResult.of(JobStatus.FAILURE, "unreadable exit status \"" + exit.trim() + "\"");
    }
    String last = lastLine(dir.resolve("output.log"));
    String tail = last == null ? "" : ": " + last;
    return switch (code) {
      case 0 -> PollResult.of(JobStatus.SUCCESSFUL, "exited with status 0");
      case 124, 137 -> PollResult.of(JobStatus.FAILURE, "timed out after " + read(dir.resolve("timeout")) + "s");
      case 126, 127 -> PollResult.of(JobStatus.INVALID_JOB_AGENT, "the command could not be run" + tail);
      default -> PollResult.of(JobStatus.FAILURE, "exited with status " + code + tail);
    };
  }

  @Override
  public void cancel(String jobId) throws AgentException {
    Path dir = dir(jobId);
    Long pid = pid(dir);
    try {
      if (Files.isDirectory(dir) && read(dir.resolve("exit")) == null) {
        Files.writeString(dir.resolve("cancelled"), "");
      }
    } catch (IOException e) {
      throw new AgentException("could not mark job " + jobId + " cancelled: " + e.getMessage(), true, e);
    }
    if (pid != null) {
      ProcessHandle.of(pid).ifPresent(wrapper -> wrapper.descendants().forEach(ProcessHandle::destroy));
    }
  }

  /**
   * The job, once a wrapper has claimed it (`started`; `pid` or `exit` in records of earlier
   * versions). A job with only the `dispatched` marker has not started: the loop died while
   * starting its process. Reporting it absent lets the restarted loop dispatch it again, which
   * is safe because the claim lets only one wrapper run the command, even if the first one
   * was only slow to start.
   */
  @Override
  public Optional<String> find(String jobId) {
    Path dir = dir(jobId);
    boolean claimed = Files.exists(dir.resolve("started")) || Files.exists(dir.resolve("pid"))
        || Files.exists(dir.resolve("exit"));
    return claimed ? Optional.of(jobId) : Optional.empty();
  }

  /** The job's combined output, for `ctrl logs` and `describe job`. */
  public Optional<String> output(String jobId) {
    return Optional.ofNullable(read(dir(jobId).resolve("output.log")));
  }

  private static Long pid(Path dir) {
    String text = read(dir.resolve("pid"));
    return text == null || !text.endsWith("\n") ? null : number(text); // the shell writes it with a newline
  }

  /** A record file's number; null when absent, caught mid-write or cut short by a crash. */
  private static Long number(String text) {
    try {
      return text == null ? null : Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String lastLine(Path file) {
    String text = read(file);
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] lines = text.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    return last.length() > 200 ? last.substring(0, 200) + "..." : last;
  }
}
