package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.model.VersionStatus;
import dev.ctrl.service.VersionService;
import dev.ctrl.store.Store;
import dev.ctrl.store.VersionDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "create", description = "Create a version (idempotent on deployment and tag: a repeat updates its fields).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl version create --deployment api --tag v1.4.2",
        "  ctrl version create --deployment api --deployment worker --tag v1.4.2 --message \"fix retries\"",
        "  ctrl version create --deployment api --tag v1.4.3 --status building --metadata git.sha=3f2a9c1",
        "  ctrl version create --deployment api --tag v1.4.3 --config image.tag=v1.4.3 --link build=https://ci/981"})
final class VersionCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D", description = "Deployment (repeatable).")
  List<String> deployments = new ArrayList<>();

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "T", description = "The version's tag, e.g. v1.4.2.")
  String tag;

  @Option(names = "--name", description = "Display name (default: the tag).")
  String name;

  @Option(names = "--status", paramLabel = "S", description = "building, ready (default), failed, rejected or paused.")
  String status;

  @Option(names = "--metadata", paramLabel = "K=V", description = "Metadata entry (repeatable).")
  List<String> metadata = new ArrayList<>();

  @Option(names = "--config", paramLabel = "A.B=V", description = "Config entry; dots make nested keys (repeatable).")
  List<String> config = new ArrayList<>();

  @Option(names = "--link", paramLabel = "NAME=URL", description = "A link, kept in metadata ctrl/links (repeatable).")
  List<String> links = new ArrayList<>();

  @Option(names = {"-m", "--message"}, description = "A message, e.g. the commit subject.")
  String message;

  VersionCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    VersionStatus parsed = status == null ? null : VersionStatus.parse(status).orElseThrow(() -> CtrlException.usage(
        "unknown status \"" + status + "\" (use one of " + String.join(", ", VersionStatus.wires()) + ")"));
    if (tag.isBlank()) {
      throw CtrlException.usage("--tag must not be empty");
    }
    Map<String, Object> meta = new LinkedHashMap<>(KeyValues.flat("--metadata", metadata));
    if (!links.isEmpty()) {
      meta.put("ctrl/links", KeyValues.flat("--link", links));
    }
    VersionDraft draft = new VersionDraft(null, tag, name, parsed, meta, KeyValues.dotted("--config", config), message);
    List<VersionService.Created> created;
    try (Store store = ctx.openStore()) {
      created = new VersionService(store, ctx.actor(), ctx.clock().instant()).create(deployments, draft);
    }
    if (ctx.global().output() == OutputFormat.table) {
      created.forEach(c -> ctx.out().println("version " + c.deployment() + "/" + c.tag() + " " + c.change().word()));
    } else {
      List<Map<String, Object>> items = new ArrayList<>();
      for (VersionService.Created c : created) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", c.deployment());
        m.put("tag", c.tag());
        m.put("change", c.change().word());
        items.add(m);
      }
      ctx.renderer().list(items, List.of(), "", ctx.err());
    }
    return 0;
  }
}
