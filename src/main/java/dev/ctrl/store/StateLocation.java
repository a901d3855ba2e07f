package dev.ctrl.store;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the state file is: `--db PATH`, else `CTRL_DB`, else `.ctrl/state.db` searched upward
 * from the working directory like git searches for `.git`.
 */
public final class StateLocation {
  public static final String DEFAULT_RELATIVE = ".ctrl/state.db";

  private StateLocation() {}

  /** The state file an existing-state command uses; fails with a hint when there is none. */
  public static Path find(String dbOption, Map<String, String> env, Path cwd) {
    Path explicit = explicit(dbOption, env, cwd);
    if (explicit != null) {
      if (!Files.exists(explicit)) {
        throw new CtrlException(ExitCode.USAGE, "no state file at " + explicit,
            "create it with: ctrl init --db " + explicit);
      }
      return explicit;
    }
    for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DEFAULT_RELATIVE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new CtrlException(ExitCode.USAGE,
        "no state file found (looked for " + DEFAULT_RELATIVE + " in " + cwd.toAbsolutePath() + " and its parents)",
        "run `ctrl init` here, or point to one with --db PATH or CTRL_DB");
  }

  /** Where `init` creates the state file: --db, CTRL_DB, else .ctrl/state.db in the working directory. */
  public static Path forInit(String dbOption, Map<String, String> env, Path cwd) {
    Path explicit = explicit(dbOption, env, cwd);
    return explicit != null ? explicit : cwd.toAbsolutePath().resolve(DEFAULT_RELATIVE);
  }

  private static Path explicit(String dbOption, Map<String, String> env, Path cwd) {
    String value = dbOption != null ? dbOption : env.get("CTRL_DB");
    if (value == null || value.isBlank()) {
      return null;
    }
    return cwd.toAbsolutePath().resolve(value).normalize();
  }
}
