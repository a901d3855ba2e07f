package dev.ctrl.model;

import java.util.regex.Pattern;

/** The naming rules of DOMAIN.md section 1. */
public final class Names {
  public static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62})");
  public static final int MAX_IDENTIFIER = 255;

  private Names() {}

  public static boolean isSlug(String s) {
    return s != null && SLUG.matcher(s).matches();
  }
}
