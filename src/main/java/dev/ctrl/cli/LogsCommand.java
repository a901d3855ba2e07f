package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.service.JobLookup;
import dev.ctrl.service.JobOutput;
import dev.ctrl.service.JobViewService;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "logs",
    description = {"Print a job's output, as the exec agent recorded it.",
        "Other agents keep their output themselves: for their jobs this names the job's links and exits 1."},
    footerHeading = "%nExamples:%n", footer = {"  ctrl logs 0f3a9c2e", "  ctrl logs 0f3a9c2e --tail 50"})
final class LogsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "JOB", description = "the job id, or an unambiguous prefix of at least "
      + JobLookup.MIN_PREFIX + " characters")
  String job;

  @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
  Integer tail;

  LogsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (tail != null && tail < 1) {
      throw CtrlException.usage("--tail must be at least 1");
    }
    JobViewService.JobDetail detail;
    Optional<String> kind;
    try (Store store = ctx.openStore()) {
      JobViewService jobs = new JobViewService(store);
      detail = jobs.get(job);
      kind = jobs.agentKind(detail.job().agent());
    }
    JobRecord j = detail.job();
    JobOutput output = new JobOutput(ctx.statePath(), ctx.clock());
    String text = output.full(j.id()).orElseThrow(() -> noOutput(j, kind, detail.links(), output));
    String shown = tail == null ? text : JobOutput.tail(text, tail);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("log", shown);
    ctx.renderer().object(m, () -> ctx.out().print(shown.isEmpty() || shown.endsWith("\n") ? shown : shown + "\n"));
    return 0;
  }

  private static CtrlException noOutput(JobRecord j, Optional<String> kind, Map<String, String> links, JobOutput output) {
    String where = links.isEmpty() ? "it reported no links"
        : "its links: " + String.join(", ", links.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    if (kind.isPresent() && !kind.get().equals("exec")) {
      return new CtrlException(ExitCode.FAILURE, "job " + j.id() + " ran on agent \"" + j.agent() + "\" (" + kind.get()
          + "), which keeps its output itself; " + where);
    }
    return new CtrlException(ExitCode.FAILURE, "job " + j.id() + " (" + j.status() + ") has no output in "
        + output.file(j.id()) + "; " + where,
        kind.isEmpty() ? "agent \"" + j.agent() + "\" is no longer declared" : null);
  }
}
