package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.expr.CelExpressions;
import dev.ctrl.model.ObjectType;
import dev.ctrl.service.DeleteService;
import dev.ctrl.store.Store;
import dev.ctrl.store.TargetSync;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, name = "delete", description = "Delete one declared object. Versions, jobs and history are kept.",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl delete environment qa", "  ctrl delete resource k8s/eu-west-1/old"})
final class DeleteCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "TYPE",
      description = "system, environment, deployment, resource, agent or policy")
  String type;

  @Parameters(index = "1", paramLabel = "NAME", description = "Its name (a resource's identifier).")
  String name;

  DeleteCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectType t = ObjectType.fromWord(type).orElseThrow(() -> CtrlException.usage("unknown type \"" + type
        + "\"; use one of " + String.join(", ", Arrays.stream(ObjectType.values()).map(ObjectType::singular).toList())));
    TargetSync sync;
    try (Store store = ctx.openStore()) {
      sync = new DeleteService(store, new CelExpressions(), ctx.actor(), ctx.clock().instant()).delete(t, name);
    }
    ctx.out().println(t.singular() + "/" + name + " deleted");
    if (!sync.removed().isEmpty()) {
      ctx.err().println("release targets removed: " + sync.removed().size());
    }
    return 0;
  }
}
