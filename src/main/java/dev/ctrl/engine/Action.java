package dev.ctrl.engine;

import java.util.Locale;

/** What a target should do now (DOMAIN.md section 6). */
public enum Action {
  NONE,
  DEPLOY,
  ROLLBACK,
  WAIT,
  BLOCKED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
