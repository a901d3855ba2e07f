package dev.ctrl.cli;

import dev.ctrl.model.JobStatus;
import dev.ctrl.service.JobLookup;
import dev.ctrl.service.JobUpdateService;
import dev.ctrl.service.JobViewService;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "update",
    description = "Record a job's status, for agents that report back. A job that ended keeps its status (exit 1).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl job update $CTRL_JOB_ID --status in_progress --link run=https://ci/runs/7",
        "  ctrl job update $CTRL_JOB_ID --status failure --message \"smoke test failed\""})
final class JobUpdateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "ID", description = "the job id, or an unambiguous prefix of at least "
      + JobLookup.MIN_PREFIX + " characters")
  String id;

  @Option(names = "--status", required = true, paramLabel = "S",
      description = "pending, in_progress, action_required, successful, failure, cancelled, skipped, "
          + "invalid_job_agent, invalid_integration or external_run_not_found.")
  String status;

  @Option(names = "--message", paramLabel = "M", description = "What happened, in a line.")
  String message;

  @Option(names = "--link", paramLabel = "NAME=URL", description = "A link to the job's run (repeatable).")
  List<String> links = new ArrayList<>();

  JobUpdateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    JobStatus parsed = JobViewService.status(status);
    Map<String, String> byName = new LinkedHashMap<>();
    KeyValues.flat("--link", links).forEach((k, v) -> byName.put(k, String.valueOf(v)));
    JobViewService.JobDetail updated;
    try (Store store = ctx.openStore()) {
      JobRecord job = new JobUpdateService(store, ctx.actor(), ctx.clock().instant()).update(id, parsed, message, byName);
      updated = new JobViewService(store).details(List.of(job)).get(0);
    }
    ctx.renderer().object(JobView.of(updated),
        () -> ctx.out().println("job " + updated.job().id() + " " + updated.job().status()));
    return 0;
  }
}
