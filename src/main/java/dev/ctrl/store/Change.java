package dev.ctrl.store;

import java.util.Locale;

/** What a write did to one object; printed by apply and version create. */
public enum Change {
  CREATED,
  UPDATED,
  UNCHANGED,
  DELETED;

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
