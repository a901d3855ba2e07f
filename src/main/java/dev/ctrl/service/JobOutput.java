package dev.ctrl.service;

import dev.ctrl.agent.exec.ExecAgent;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The output the exec agent recorded for a job, in `jobs/<job id>/` next to the state file. */
public final class JobOutput {
  private final ExecAgent exec;
  private final Path jobsRoot;

  public JobOutput(Path stateFile, Clock clock) {
    this.jobsRoot = stateFile.toAbsolutePath().getParent().resolve("jobs");
    this.exec = new ExecAgent(jobsRoot, clock);
  }

  /** The whole output.log, if the job has one. */
  public Optional<String> full(String jobId) {
    return exec.output(jobId);
  }

  public Path file(String jobId) {
    return jobsRoot.resolve(jobId).resolve("output.log");
  }

  /** The last `lines` lines of text (all of it when it has fewer). */
  public static String tail(String text, int lines) {
    if (lines <= 0) {
      return "";
    }
    int end = text.endsWith("\n") ? text.length() - 1 : text.length();
    int from = end;
    for (int seen = 0; from > 0; from--) {
      if (text.charAt(from - 1) == '\n' && ++seen == lines) {
        break;
      }
    }
    return text.substring(from);
  }
}
