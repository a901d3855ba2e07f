package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.engine.Times;
import dev.ctrl.model.Durations;
import dev.ctrl.service.SkipService;
import dev.ctrl.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(mixinStandardHelpOptions = true, name = "skip",
    description = "Make one rule of a policy allow one version (optionally only in one environment or on one resource).",
    footerHeading = "%nExamples:%n",
    footer = {"  ctrl skip --policy prod-gates --rule 3 --deployment api --tag v1.4.3 --reason \"hotfix INC-42\" --expires 2h",
        "  ctrl skip --policy prod-gates --rule 2 --deployment api --tag v1.4.3 --environment production \\",
        "      --resource k8s/eu-west-1/prod --reason \"window exception\"",
        "",
        "Rules are numbered from 1 in the order written, as `ctrl plan` shows them."})
final class SkipCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--policy", required = true, paramLabel = "P")
  String policy;

  @Option(names = "--rule", required = true, paramLabel = "N", description = "The rule's number in the policy, from 1.")
  int rule;

  @Option(names = {"-d", "--deployment"}, required = true, paramLabel = "D")
  String deployment;

  @Option(names = {"-t", "--tag"}, required = true, paramLabel = "T")
  String tag;

  @Option(names = {"-e", "--environment"}, paramLabel = "E", description = "Only in this environment.")
  String environment;

  @Option(names = "--resource", paramLabel = "ID", description = "Only on this resource.")
  String resource;

  @Option(names = "--reason", required = true, paramLabel = "TEXT")
  String reason;

  @Option(names = "--expires", paramLabel = "DURATION", description = "How long the skip lasts (default: until lifted).")
  String expires;

  SkipCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Instant now = ctx.clock().instant();
    Instant until = null;
    if (expires != null) {
      Duration d = Durations.parse(expires);
      if (d == null || d.isZero()) {
        throw CtrlException.usage("--expires \"" + expires + "\" is not a duration (" + Durations.HINT + ")");
      }
      until = now.plus(d);
    }
    String type;
    try (Store store = ctx.openStore()) {
      type = new SkipService(store, ctx.actor(), now).skip(policy, rule, deployment, tag, environment, resource, reason,
          until);
    }
    ctx.out().println("skipping rule " + rule + " (" + type + ") of policy " + policy + " for " + deployment + "/" + tag
        + (environment == null ? "" : " in " + environment) + (resource == null ? "" : " on " + resource)
        + (until == null ? "" : " until " + Times.at(until)));
    return 0;
  }
}
