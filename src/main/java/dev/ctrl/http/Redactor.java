package dev.ctrl.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Replaces every secret value (tokens, keys, passwords) in a text with `***` before it is shown. */
public final class Redactor {
  private final List<String> secrets = new ArrayList<>();

  public Redactor(Collection<String> values) {
    for (String v : values) {
      // very short values would redact ordinary words; real tokens are long
      if (v != null && v.length() >= 4) {
        secrets.add(v);
      }
    }
    secrets.sort((a, b) -> b.length() - a.length());
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
