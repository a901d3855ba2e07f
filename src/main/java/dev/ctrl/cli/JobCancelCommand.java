package dev.ctrl.cli;

import dev.ctrl.rollout.JobCancel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "cancel",
    description = "Cancel a job through its agent (the exec agent stops the command) and record it cancelled.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl job cancel 3f2a9c1e-7d44-4b5e-9a51-2c0d7e6f8a90"})
final class JobCancelCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "The job's id (ctrl get jobs).")
  String id;

  JobCancelCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JobCancel.Result r = Rollouts.cancel(ctx, id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.jobId());
    json.put("status", r.status());
    json.put("message", r.message());
    ctx.renderer().object(json, () -> ctx.out().println("job " + r.jobId() + " " + r.status()
        + (r.message() == null ? "" : ": " + r.message())));
    return 0;
  }
}
