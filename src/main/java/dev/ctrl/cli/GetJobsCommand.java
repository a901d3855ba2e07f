package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.service.JobViewService;
import dev.ctrl.store.JobFilter;
import dev.ctrl.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "jobs", description = "List jobs, newest first, with their verification.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl get jobs", "  ctrl get jobs --deployment api --status failure --status in_progress",
        "  ctrl get jobs --target api/production/k8s/eu-west-1/prod --limit 5 -o json"})
final class GetJobsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin TargetScope scope;

  @Option(names = "--status", paramLabel = "S", description = "Only jobs in this status (repeatable).")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N jobs (default 50).")
  int limit = 50;

  GetJobsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String target = scope.target();
    if (limit < 1) {
      throw CtrlException.usage("--limit must be at least 1");
    }
    List<JobViewService.JobDetail> jobs;
    try (Store store = ctx.openStore()) {
      jobs = new JobViewService(store).list(new JobFilter(scope.deployment, scope.environment, target, Set.copyOf(statuses), limit));
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = jobs.stream().map(JobView::of).toList();
    Map<String, JobViewService.JobDetail> byId = new java.util.HashMap<>();
    jobs.forEach(j -> byId.put(j.job().id(), j));
    r.list(items, List.of(
        new Renderer.Column("ID", m -> JobView.shortId((String) m.get("id"))),
        new Renderer.Column("TARGET", m -> (String) m.get("target")),
        new Renderer.Column("VERSION", m -> (String) m.get("version")),
        new Renderer.Column("KIND", m -> (String) m.get("kind")),
        new Renderer.Column("STATUS", m -> JobView.paint(r, (String) m.get("status"))),
        new Renderer.Column("ATTEMPT", m -> String.valueOf(m.get("attempt"))),
        new Renderer.Column("AGE", m -> r.ago(Instant.parse((String) m.get("createdAt")))),
        new Renderer.Column("VERIFICATION", m -> JobView.verificationSummary(byId.get((String) m.get("id")))),
        new Renderer.Column("MESSAGE", m -> JobView.truncate((String) m.get("message"), 60))),
        !scope.any() && statuses.isEmpty()
            ? "No jobs yet: the rollout loop creates them." : "No jobs match.",
        ctx.err());
    return 0;
  }
}
