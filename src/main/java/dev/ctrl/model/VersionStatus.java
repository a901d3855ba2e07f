package dev.ctrl.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Only READY versions are candidates for new deployments (DOMAIN.md section 5). */
public enum VersionStatus {
  BUILDING,
  READY,
  FAILED,
  REJECTED,
  PAUSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return wire();
  }

  public static Optional<VersionStatus> parse(String s) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
  }

  public static List<String> wires() {
    return Arrays.stream(values()).map(VersionStatus::wire).toList();
  }
}
