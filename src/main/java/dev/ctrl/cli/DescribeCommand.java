package dev.ctrl.cli;

import dev.ctrl.model.TargetKey;
import dev.ctrl.service.JobLookup;
import dev.ctrl.service.JobOutput;
import dev.ctrl.service.JobViewService;
import dev.ctrl.service.TargetDescriptionService;
import dev.ctrl.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "describe", description = "Show everything known about one object.",
    footerHeading = "%nExamples:%n", footer = {"  ctrl describe target api/production/k8s/eu-west-1/prod",
        "  ctrl describe job 0f3a9c2e", "  ctrl describe job 0f3a9c2e -o json"})
final class DescribeCommand implements Runnable {
  static final int RECENT_JOBS = 5;
  private final CliContext ctx;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  DescribeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to describe: target KEY or job ID");
  }

  @Command(mixinStandardHelpOptions = true, name = "target", description = "A release target: its resource, current and "
      + "desired version, its last " + RECENT_JOBS + " jobs and the measurements of the latest verification among them.",
      footerHeading = "%nExamples:%n",
      footer = {"  ctrl describe target api/production/k8s/eu-west-1/prod", "  ctrl describe target api/staging/k8s/staging -o json"})
  void target(@Parameters(paramLabel = "KEY", description = "deployment/environment/resource-identifier") String key) {
    TargetKey parsed = TargetScope.parse(key);
    TargetDescriptionService.TargetDetail detail;
    try (Store store = ctx.openStore()) {
      detail = new TargetDescriptionService(store).describe(parsed, RECENT_JOBS);
    }
    List<JobViewService.JobDetail> recent = detail.recent();
    Map<String, Object> out = new LinkedHashMap<>(TargetView.of(detail.target()));
    if (detail.resourceSpec() != null) {
      out.put("resourceSpec", detail.resourceSpec());
    }
    out.put("recentJobs", recent.stream().map(JobView::of).toList());
    ctx.renderer().object(out, () -> {
      human(out);
      JobDescription.recent(ctx, recent);
    });
  }

  @Command(mixinStandardHelpOptions = true, name = "job",
      description = "A job: its fields, links, release, verification measurements and the end of its output.",
      footerHeading = "%nExamples:%n", footer = {"  ctrl describe job 0f3a9c2e", "  ctrl describe job 0f3a9c2e -o json"})
  void job(@Parameters(paramLabel = "ID", description = "the job id, or an unambiguous prefix of at least "
      + JobLookup.MIN_PREFIX + " characters") String id) {
    Map<String, Object> out;
    String verification;
    try (Store store = ctx.openStore()) {
      JobViewService.JobDetail detail = new JobViewService(store).get(id);
      verification = JobView.verificationSummary(detail);
      out = new LinkedHashMap<>(JobView.of(detail));
      out.put("release", store.release(detail.job().releaseId()).map(JobView::release).orElse(null));
      out.put("log", new JobOutput(ctx.statePath(), ctx.clock()).full(detail.job().id())
          .map(text -> JobOutput.tail(text, JobDescription.LOG_LINES)).orElse(null));
    }
    ctx.renderer().object(out, () -> JobDescription.print(ctx, out, verification));
  }

  private void human(Map<String, Object> t) {
    List<String[]> rows = new ArrayList<>();
    rows.add(JobDescription.row("Target:", t.get("key")));
    rows.add(JobDescription.row("Deployment:", t.get("deployment")));
    rows.add(JobDescription.row("Environment:", t.get("environment")));
    rows.add(JobDescription.row("Resource:", t.get("resource") + " (" + t.get("resourceName") + ")"));
    if (t.get("resourceSpec") instanceof Map<?, ?> spec) {
      rows.add(JobDescription.row("Kind:", String.valueOf(spec.get("kind"))));
      rows.add(JobDescription.row("Metadata:", GetCommand.show(spec.get("metadata"))));
    }
    rows.add(JobDescription.row("Current version:", t.get("currentVersion")));
    rows.add(JobDescription.row("Desired version:", t.get("desiredVersion")));
    rows.add(JobDescription.row("Latest job:", t.get("latestJob") instanceof Map<?, ?> j
        ? j.get("kind") + " " + j.get("status") + " (" + j.get("id") + ")" : null));
    rows.add(JobDescription.row("Verification:", t.get("verification")));
    rows.add(JobDescription.row("Since:", ctx.renderer().ago(Instant.parse((String) t.get("createdAt")))));
    JobDescription.fields(ctx.out(), rows);
  }
}
