package dev.ctrl.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reasons print instants: absolute, in the zone that matters to the rule. */
public final class Times {
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private Times() {}

  public static String at(Instant instant) {
    return SHORT.format(instant.atZone(ZoneOffset.UTC)) + " UTC";
  }

  public static String at(Instant instant, ZoneId zone) {
    return SHORT.format(instant.atZone(zone)) + " " + zone.getId();
  }
}
