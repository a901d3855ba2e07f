package dev.ctrl.cli;

import dev.ctrl.service.JobViewService;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human form of `describe job`; `describe target` shares its verification tables. */
final class JobDescription {
  static final int LOG_LINES = 20;

  private JobDescription() {}

  /** job: the JSON shape of describe job; verification: the one-line summary (passed, running 1/3...). */
  static void print(CliContext ctx, Map<String, Object> job, String verification) {
    Renderer r = ctx.renderer();
    PrintWriter out = ctx.out();
    List<String[]> rows = new ArrayList<>();
    rows.add(row("Job:", job.get("id")));
    rows.add(row("Target:", job.get("target")));
    rows.add(row("Version:", job.get("version")));
    rows.add(row("Kind:", job.get("kind") + " (attempt " + job.get("attempt") + ")"));
    rows.add(row("Status:", JobView.paint(r, (String) job.get("status"))));
    rows.add(row("Message:", job.get("message")));
    rows.add(row("Agent:", job.get("agent") + (job.get("externalId") == null ? "" : " (external id " + job.get("externalId") + ")")));
    if (job.get("release") instanceof Map<?, ?> release) {
      String variables = GetCommand.show(release.get("variables"));
      rows.add(row("Release:", release.get("id") + (variables.isEmpty() ? " (no variables)" : " (variables " + variables + ")")));
    }
    rows.add(row("Created:", when(r, job.get("createdAt"))));
    rows.add(row("Started:", when(r, job.get("startedAt"))));
    rows.add(row("Completed:", when(r, job.get("completedAt"))));
    Map<?, ?> links = (Map<?, ?>) job.get("links");
    if (links.isEmpty()) {
      rows.add(row("Links:", null));
    }
    String label = "Links:";
    for (Map.Entry<?, ?> link : links.entrySet()) {
      rows.add(row(label, link.getKey() + "  " + link.getValue()));
      label = "";
    }
    rows.add(row("Verification:", verification));
    fields(out, rows);
    if (job.get("verification") instanceof Map<?, ?> v) {
      measurements(r, out, v);
    }
    if (job.get("log") instanceof String log) {
      out.println();
      out.println("Output (last " + LOG_LINES + " lines; all of it: ctrl logs " + job.get("id") + "):");
      log.lines().forEach(line -> out.println("  " + line));
    }
  }

  /** A target's recent jobs (newest first), then the measurements of the newest verification among them. */
  static void recent(CliContext ctx, List<JobViewService.JobDetail> jobs) {
    Renderer r = ctx.renderer();
    PrintWriter out = ctx.out();
    out.println();
    if (jobs.isEmpty()) {
      out.println("Recent jobs:      -");
      return;
    }
    out.println("Recent jobs:");
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("  ID", "VERSION", "KIND", "STATUS", "AGE", "VERIFICATION", "MESSAGE"));
    for (JobViewService.JobDetail d : jobs) {
      String verification = JobView.verificationSummary(d);
      String message = JobView.truncate(d.job().message(), 60);
      table.add(List.of("  " + JobView.shortId(d.job().id()), d.job().tag(), d.job().kind(), JobView.paint(r, d.job().status()),
          r.ago(d.job().createdAt()), verification == null ? "-" : verification, message == null ? "-" : message));
    }
    r.table(table);
    jobs.stream().filter(d -> d.verification() != null).findFirst().ifPresent(d -> {
      out.println();
      out.println("Latest verification (job " + JobView.shortId(d.job().id()) + ", " + d.job().tag() + "): "
          + JobView.verificationSummary(d));
      measurements(r, out, (Map<?, ?>) JobView.of(d).get("verification"));
    });
  }

  /** The verification's message, then a table of each metric's measurements. */
  static void measurements(Renderer r, PrintWriter out, Map<?, ?> verification) {
    if (verification.get("message") != null) {
      out.println(String.format("%-17s %s", "", verification.get("message")));
    }
    for (Object o : (List<?>) verification.get("metrics")) {
      Map<?, ?> metric = (Map<?, ?>) o;
      List<?> taken = (List<?>) metric.get("measurements");
      out.println("  " + metric.get("name") + ": " + taken.size() + " measurement" + (taken.size() == 1 ? "" : "s"));
      if (taken.isEmpty()) {
        continue;
      }
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("    WHEN", "VERDICT", "ERROR"));
      for (Object t : taken) {
        Map<?, ?> m = (Map<?, ?>) t;
        table.add(List.of("    " + r.ago(Instant.parse((String) m.get("at"))),
            JobView.paint(r, (String) m.get("verdict")), m.get("error") == null ? "-" : (String) m.get("error")));
      }
      r.table(table);
    }
  }

  private static String when(Renderer r, Object at) {
    return at == null ? null : r.ago(Instant.parse((String) at)) + " (" + at + ")";
  }

  /** Label-value lines, the values aligned; describe target prints its fields so too. */
  static void fields(PrintWriter out, List<String[]> rows) {
    rows.forEach(row -> out.println(String.format("%-17s %s", row[0], row[1]).stripTrailing()));
  }

  /** A field's line: `-` when it has no value. */
  static String[] row(String label, Object value) {
    return new String[] {label, value == null || String.valueOf(value).isEmpty() ? "-" : String.valueOf(value)};
  }
}
