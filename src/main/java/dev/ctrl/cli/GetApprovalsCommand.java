package dev.ctrl.cli;

import dev.ctrl.service.ApprovalService;
import dev.ctrl.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "approvals", description = "List approvals and rejections, newest first.",
    footerHeading = "%nExamples:%n", footer = {"  ctrl get approvals --deployment api --environment production"})
final class GetApprovalsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, paramLabel = "D")
  String deployment;

  @Option(names = {"-e", "--environment"}, paramLabel = "E")
  String environment;

  GetApprovalsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<ApprovalService.Row> rows;
    try (Store store = ctx.openStore()) {
      rows = new ApprovalService(store, ctx.clock().instant()).list(deployment, environment);
    }
    Renderer r = ctx.renderer();
    List<Map<String, Object>> items = rows.stream().map(row -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("deployment", row.deployment());
      m.put("tag", row.tag());
      m.put("environment", row.approval().environment());
      m.put("approver", row.approval().approver());
      m.put("decision", row.approval().approved() ? "approved" : "rejected");
      m.put("reason", row.approval().reason());
      m.put("at", row.approval().at().toString());
      return m;
    }).toList();
    r.list(items, List.of(
        new Renderer.Column("DEPLOYMENT", m -> (String) m.get("deployment")),
        new Renderer.Column("TAG", m -> (String) m.get("tag")),
        new Renderer.Column("ENVIRONMENT", m -> (String) m.get("environment")),
        new Renderer.Column("DECISION", m -> r.paint((String) m.get("decision"),
            "approved".equals(m.get("decision")) ? "green" : "red")),
        new Renderer.Column("BY", m -> (String) m.get("approver")),
        new Renderer.Column("WHEN", m -> r.ago(java.time.Instant.parse((String) m.get("at")))),
        new Renderer.Column("REASON", m -> (String) m.get("reason"))),
        "No approvals yet. Approve with: ctrl approve --deployment D --tag T --environment E", ctx.err());
    return 0;
  }
}
