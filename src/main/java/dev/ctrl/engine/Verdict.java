package dev.ctrl.engine;

import java.util.Locale;

/** What one rule says of one version on one target. */
public enum Verdict {
  ALLOWED,
  /** Will pass by itself, or after a person acts. */
  PENDING,
  /** Will not pass for this version. */
  DENIED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
