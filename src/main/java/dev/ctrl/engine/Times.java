package dev.ctrl.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How reasons print instants: absolute, in the zone that matters to the rule. */
public final class Times {
  private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
  /** With seconds, for instants that do not fall on a minute (short rollout intervals, soaks). */
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss", Locale.ENGLISH);

  private Times() {}

  public static String at(Instant instant) {
    return format(instant).format(instant.atZone(ZoneOffset.UTC)) + " UTC";
  }

  public static String at(Instant instant, ZoneId zone) {
    return format(instant).format(instant.atZone(zone)) + " " + zone.getId();
  }

  private static DateTimeFormatter format(Instant instant) {
    return instant.getEpochSecond() % 60 == 0 ? SHORT : SECONDS;
  }
}
