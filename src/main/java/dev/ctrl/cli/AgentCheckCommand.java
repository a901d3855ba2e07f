package dev.ctrl.cli;

import dev.ctrl.agent.AgentCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "check",
    description = {"Check a job agent's credentials and configuration against its real system, without deploying.",
        "Exits 0 when every check passes, 1 when one fails (each failure says what to fix)."},
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl agent check github-deploy", "  ctrl agent check argocd -o json"})
final class AgentCheckCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(paramLabel = "NAME", description = "The agent's name (ctrl get agents).")
  String name;

  AgentCheckCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<AgentCheck> checks = Rollouts.check(ctx, name);
    boolean ok = checks.stream().allMatch(AgentCheck::ok);
    List<Map<String, Object>> items = new ArrayList<>();
    for (AgentCheck c : checks) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("check", c.name());
      item.put("ok", c.ok());
      item.put("detail", c.detail());
      items.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("agent", name);
    out.put("ok", ok);
    out.put("checks", items);
    Renderer r = ctx.renderer();
    r.object(out, () -> {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("CHECK", "RESULT", "DETAIL"));
      for (AgentCheck c : checks) {
        rows.add(List.of(c.name(), c.ok() ? r.paint("ok", "green") : r.paint("FAILED", "red"), c.detail()));
      }
      r.table(rows);
    });
    return ok ? 0 : 1;
  }
}
