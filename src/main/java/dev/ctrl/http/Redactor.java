package dev.ctrl.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Replaces every secret value (tokens, keys, passwords) in a text with `***` before it is shown.
 * The values are read at each call, so a live collection (a SecretResolver's resolvedValues())
 * also covers secrets resolved after the redactor was made.
 */
public final class Redactor {
  private final List<Collection<String>> sources;

  public Redactor(Collection<String> values) {
    this.sources = List.of(values);
  }

  /** The union of several collections, each read live. */
  public Redactor(Collection<String> values, Collection<String> more) {
    this.sources = List.of(values, more);
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    for (Collection<String> source : sources) {
      for (String v : source) {
        // very short values would redact ordinary words; real tokens are long
        if (v != null && v.length() >= 4) {
          secrets.add(v);
        }
      }
    }
    secrets.sort((a, b) -> b.length() - a.length()); // a secret containing another goes first
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "***");
    }
    return out;
  }
}
