package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.model.TargetKey;
import picocli.CommandLine.Option;

/** `--deployment`, `--environment` and `--target`, mixed into the listings of jobs and releases. */
final class TargetScope {
  @Option(names = {"-d", "--deployment"}, paramLabel = "D", description = "Only this deployment.")
  String deployment;

  @Option(names = {"-e", "--environment"}, paramLabel = "E", description = "Only this environment.")
  String environment;

  @Option(names = "--target", paramLabel = "KEY", description = "Only this release target.")
  String target;

  /** The target key as given, after checking its shape (null when not given). */
  String target() {
    if (target != null) {
      parse(target);
    }
    return target;
  }

  /** A target key given on the command line; a malformed one is a usage error saying where the keys are. */
  static TargetKey parse(String key) {
    TargetKey parsed = TargetKey.parse(key);
    if (parsed == null) {
      throw CtrlException.usage("\"" + key + "\" is not a target key (deployment/environment/resource-identifier)",
          "list the keys with: ctrl get targets");
    }
    return parsed;
  }

  boolean any() {
    return deployment != null || environment != null || target != null;
  }
}
