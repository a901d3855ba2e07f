package dev.ctrl.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one row joined by a separator (see FactQueries.jobs), left to right,
 * without a substring per field: numbers are parsed in place, and the few distinct kinds and
 * statuses are matched against the ones already seen. On 380,000 jobs that is 3 million
 * short-lived strings fewer.
 */
final class JoinedRow {
  private final char separator;
  private final List<String> seen = new ArrayList<>();
  private String row;
  private int at;

  JoinedRow(char separator) {
    this.separator = separator;
  }

  void reset(String row) {
    this.row = row;
    this.at = 0;
  }

  private int end() {
    int end = row.indexOf(separator, at);
    return end < 0 ? row.length() : end;
  }

  private void skip(int end) {
    at = end + 1;
  }

  /** The next field as a new string. */
  String text() {
    int end = end();
    String s = row.substring(at, end);
    skip(end);
    return s;
  }

  /** Everything left of the row, separators included: for a last field of free text. */
  String rest() {
    String s = row.substring(Math.min(at, row.length()));
    at = row.length() + 1;
    return s;
  }

  /** The next field, a decimal integer. */
  long number() {
    int end = end();
    if (end == at) {
      throw new IllegalStateException("empty number field in a joined row: " + row);
    }
    long v = parse(end);
    skip(end);
    return v;
  }

  /** The next field as a decimal integer, or `absent` when it is empty. */
  long numberOr(long absent) {
    int end = end();
    long v = end == at ? absent : parse(end);
    skip(end);
    return v;
  }

  private long parse(int end) {
    int i = at;
    boolean negative = row.charAt(i) == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    for (; i < end; i++) {
      char c = row.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalStateException("not a number in a joined row: " + row.substring(at, end));
      }
      v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
  }

  /**
   * The next field, as the same String object as every earlier equal field. The first few
   * distinct values (kinds, statuses, environments) are matched in place, without a substring;
   * past those (thousands of deployments, say) a map takes over.
   */
  String shared() {
    int end = end();
    int length = end - at;
    for (String s : seen) {
      if (s.length() == length && row.startsWith(s, at)) {
        skip(end);
        return s;
      }
    }
    String s = row.substring(at, end);
    skip(end);
    if (seen.size() < IN_PLACE) {
      seen.add(s);
      return s;
    }
    return more.computeIfAbsent(s, k -> k);
  }

  private static final int IN_PLACE = 32;
  private final java.util.Map<String, String> more = new java.util.HashMap<>();

  /** Like shared, null when the field is empty. */
  String sharedOrNull() {
    if (end() == at) {
      skip(at);
      return null;
    }
    return shared();
  }
}
