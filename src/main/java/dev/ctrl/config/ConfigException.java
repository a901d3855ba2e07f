package dev.ctrl.config;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.util.List;
import java.util.stream.Collectors;

/** The declarative config is invalid: every error, sorted by file and position. Exit code 2. */
public final class ConfigException extends CtrlException {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(ExitCode.USAGE, summary(errors), "nothing was changed; fix the errors above and apply again");
    this.errors = errors.stream().sorted().distinct().toList();
  }

  public List<ConfigError> errors() {
    return errors;
  }

  private static String summary(List<ConfigError> errors) {
    List<ConfigError> sorted = errors.stream().sorted().distinct().toList();
    String lines = sorted.stream().map(ConfigError::format).collect(Collectors.joining("\n"));
    return lines + "\n" + sorted.size() + (sorted.size() == 1 ? " error" : " errors") + " in the configuration";
  }
}
