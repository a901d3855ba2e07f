package dev.ctrl.agent.exec;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.Dispatched;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.model.JobStatus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * Starts a batch of jobs from one shell (one `setsid sh` per batch instead of per job: starting
   * programs costs milliseconds each here). The arguments are, per job: the count N of the job's
   * arguments that follow, then its directory, working directory, timeout in seconds, the count
   * of its environment assignments, the names of the batch shell's variables that hold those
   * `NAME=value` assignments, and its command. The assignments travel in the batch shell's
   * environment, not in its arguments: a process's arguments are visible to every user (`ps`)
   * for as long as it runs, and the values may be resolved secrets. The shell first moves them
   * into unexported variables (`_CTRL_ENV_COUNT` says how many), so a job's command sees only
   * its own assignments, not the other jobs' of the batch. Each job
   * runs in a subshell of its own that first claims the job by creating `started` exclusively
   * (noclobber, O_EXCL): of two wrappers started for one job, only the one that creates it runs
   * the command. The subshell records its pid (read from /proc/self/stat: `$$` would be the batch
   * shell's), runs the command under `timeout`, and records the exit status (126/127: not
   * runnable). The pid and exit records are written with one echo each, not renamed into place
   * (a `mv` is one more program per job), and a reader takes a record without its final newline
   * (caught mid-write) as not written yet. The batch shell waits for its jobs, so they are reaped
   * by it (and it by ctrl, or by init once ctrl is gone). The command's arguments reach it through "${i}"
   * references built by the script, never by pasting their text into the `eval`.
   */
  static final String BATCH = """
      k=0
      while [ "$k" -lt "${_CTRL_ENV_COUNT:-0}" ]; do
        eval "_ctrl_env_$k=\\${_CTRL_ENV_$k}"; unset "_CTRL_ENV_$k"; k=$((k + 1))
      done
      unset _CTRL_ENV_COUNT
      while [ $# -gt 0 ]; do
        n=$1; shift
        (
          dir=$1; wd=$2; limit=$3; ne=$4; nargs=$((n - 4 - $4)); shift 4
          set -C; { true > "$dir/started"; } 2>/dev/null || exit 0; set +C
          read -r pid rest < /proc/self/stat; echo "$pid" > "$dir/pid"
          while [ "$ne" -gt 0 ]; do eval "a=\\${_ctrl_env_$1}"; export "$a"; shift; ne=$((ne - 1)); done
          cmd=; i=1
          while [ "$i" -le "$nargs" ]; do cmd="$cmd \\"\\${$i}\\""; i=$((i + 1)); done
          if cd "$wd" 2>/dev/null; then
            eval "timeout --kill-after=10 \\"\\$limit\\" $cmd" > "$dir/output.log" 2>&1 < /dev/null
            code=$?
          else
            echo "ctrl: cannot enter working directory $wd" > "$dir/output.log"
            code=126
          fi
          echo "$code" > "$dir/exit"
        ) &
        shift "$n"
      done
      wait
      """;

  /** How long a dispatched job may go without its wrapper reporting a pid before it counts as never started. */
  static final java.time.Duration START_GRACE = java.time.Duration.ofSeconds(30);

  private final Path jobsRoot;
  private final java.time.Clock clock;
  private final java.util.function.UnaryOperator<String> redact;

  /** jobsRoot: the directory of job records, next to the state file. */
  public ExecAgent(Path jobsRoot, java.time.Clock clock) {
    this(jobsRoot, clock, s -> s);
  }

  /**
   * redact: applied to the output line a job's status message quotes. That message is stored in
   * the state file and shown by `get jobs`, and a failing command may print a secret it was given.
   */
  public ExecAgent(Path jobsRoot, java.time.Clock clock, java.util.function.UnaryOperator<String> redact) {
    this.jobsRoot = jobsRoot;
    this.clock = clock;
    this.redact = redact;
  }

  private Path dir(String jobId) {
    return jobsRoot.resolve(jobId);
  }

  @Override
  public String dispatch(DispatchRequest request) throws AgentException {
    Dispatched d = dispatchAll(List.of(request)).get(0);
    if (d.error() != null) {
      throw d.error();
    }
    return d.ref();
  }

  @Override
  public List<Dispatched> dispatchAll(List<DispatchRequest> requests) {
    Dispatched[] out = new Dispatched[requests.size()];
    List<String> argv = new ArrayList<>(List.of("setsid", "sh", "-c", BATCH, "ctrl-jobs"));
    List<Integer> started = new ArrayList<>();
    Map<String, String> assignments = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      DispatchRequest request = requests.get(i);
      if (request.command().isEmpty()) {
        out[i] = new Dispatched(null, new AgentException("the exec agent has no command to run", false));
        continue;
      }
      Path dir = dir(request.jobId());
      try {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("timeout"), Long.toString(request.timeoutSeconds()));
        // Written before the process starts. find() knows the job only once its wrapper has
        // claimed it (`started`): a crash in between leaves a job that is dispatched again, and
        // the claim keeps its command from running twice.
        Files.writeString(dir.resolve("dispatched"), Long.toString(clock.millis()));
      } catch (IOException e) {
        out[i] = new Dispatched(null, new AgentException("could not write the job's record in " + dir + ": "
            + e.getMessage(), false, e));
        continue;
      }
      List<String> args = new ArrayList<>();
      args.add(dir.toString());
      args.add(request.workingDir() == null ? jobsRoot.getParent().toString() : request.workingDir());
      args.add(Long.toString(Math.max(1, request.timeoutSeconds())));
      args.add(Integer.toString(request.env().size()));
      request.env().forEach((k, v) -> {
        args.add(Integer.toString(assignments.size()));
        assignments.put("_CTRL_ENV_" + assignments.size(), k + "=" + v);
      });
      args.addAll(request.command());
      argv.add(Integer.toString(args.size()));
      argv.addAll(args);
      started.add(i);
    }
    if (!started.isEmpty()) {
      try {
        ProcessBuilder batch = new ProcessBuilder(argv);
        batch.environment().putAll(assignments);
        batch.environment().put("_CTRL_ENV_COUNT", Integer.toString(assignments.size()));
        batch
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start(); // not waited for: the jobs run on their own
        started.forEach(i -> out[i] = new Dispatched(requests.get(i).jobId(), null));
      } catch (IOException e) {
        AgentException failed = new AgentException("could not start the job's process: " + e.getMessage(), false, e);
        started.forEach(i -> out[i] = new Dispatched(null, failed));
      }
    }
    return List.of(out);
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
    String tail = last == null ? "" : ": " + redact.apply(last);
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
