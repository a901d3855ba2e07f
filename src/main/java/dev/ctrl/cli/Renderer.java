package dev.ctrl.cli;

import dev.ctrl.json.JsonText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints command results: aligned tables for people, JSON and YAML for scripts. Data goes to
 * stdout only; JSON of a list is always an array.
 */
public final class Renderer {
  private final PrintWriter out;
  private final OutputFormat format;
  private final boolean colour;
  private final Instant now;

  /** A table column: its header and how to show one item. */
  public record Column(String header, Function<Map<String, Object>, String> value) {}

  Renderer(PrintWriter out, OutputFormat format, boolean colour, Instant now) {
    this.out = out;
    this.format = format;
    this.colour = colour;
    this.now = now;
  }

  public OutputFormat format() {
    return format;
  }

  /** A list of items: a table of the columns, or the items themselves as JSON/YAML. */
  public void list(List<Map<String, Object>> items, List<Column> columns, String emptyMessage, PrintWriter err) {
    switch (format) {
      case json -> jsonArray(items);
      case yaml -> out.print(YamlOutput.dump(items));
      default -> {
        if (items.isEmpty()) {
          err.println(emptyMessage);
          return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toList());
        for (Map<String, Object> item : items) {
          rows.add(columns.stream().map(c -> {
            String v = c.value().apply(item);
            return v == null || v.isEmpty() ? "-" : v;
          }).toList());
        }
        table(rows);
      }
    }
  }

  /** Writes a JSON array an element at a time, the same text `JsonText.pretty` gives for the list. */
  public void jsonArray(Iterable<? extends Map<String, Object>> items) {
    JsonArrayStream array = jsonArrayStream();
    items.forEach(array::add);
    array.close();
  }

  /** A JSON array written as its elements arrive, so a large list is never held in memory. */
  public JsonArrayStream jsonArrayStream() {
    return new JsonArrayStream();
  }

  /** See {@link #jsonArrayStream()}. */
  public final class JsonArrayStream {
    private boolean empty = true;

    public void add(Map<String, Object> item) {
      addRendered(JsonText.prettyElement(item));
    }

    /** An element already rendered by {@link JsonText#prettyElement} (on another thread, say). */
    public void addRendered(String element) {
      out.print(empty ? "[\n" : ",\n");
      out.print(element);
      empty = false;
    }

    public void close() {
      out.println(empty ? "[]" : "\n]");
    }
  }

  /** One object: JSON/YAML of the map, or the given human form. */
  public void object(Map<String, Object> item, Runnable human) {
    switch (format) {
      case json -> out.println(JsonText.pretty(item));
      case yaml -> out.print(YamlOutput.dump(item));
      default -> human.run();
    }
  }

  /** Aligned columns; the first row is the header (bold on a terminal). */
  public void table(List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], visibleWidth(row.get(i)));
      }
    }
    boolean header = true;
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < cols - 1) {
          line.append(" ".repeat(width[i] - visibleWidth(cell) + 3));
        }
      }
      String text = line.toString().stripTrailing();
      out.println(header && colour ? "\u001b[1m" + text + "\u001b[0m" : text);
      header = false;
    }
  }

  // Colour codes take no room on screen: a column where only some cells are painted stays aligned.
  private static int visibleWidth(String cell) {
    String plain = cell.indexOf('\u001b') < 0 ? cell : cell.replaceAll("\u001b\\[[0-9;]*m", "");
    return plain.codePointCount(0, plain.length());
  }

  /** Wraps text in an ANSI colour on a terminal: green, yellow, red, bold, grey. */
  public String paint(String text, String colourName) {
    if (!colour || text == null) {
      return text;
    }
    String code = switch (colourName) {
      case "green" -> "32";
      case "yellow" -> "33";
      case "red" -> "31";
      case "bold" -> "1";
      default -> "90";
    };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }

  /** "in 3h12m", "in 45s", "now": how long until an instant, for tables. */
  public String until(Instant at) {
    Duration d = Duration.between(now, at);
    if (d.isNegative() || d.isZero()) {
      return "now";
    }
    if (d.toHours() >= 1) {
      d = d.withSeconds(d.toMinutes() * 60); // minutes are precise enough past an hour
    }
    return "in " + dev.ctrl.model.Durations.format(d.withNanos(0));
  }

  /** "3m ago", "2h ago", "in 5m": for tables. */
  public String ago(Instant at) {
    if (at == null) {
      return "-";
    }
    Duration d = Duration.between(at, now);
    boolean future = d.isNegative();
    d = d.abs();
    String span;
    if (d.toSeconds() < 60) {
      span = d.toSeconds() + "s";
    } else if (d.toMinutes() < 60) {
      span = d.toMinutes() + "m";
    } else if (d.toHours() < 48) {
      span = d.toHours() + "h";
    } else {
      span = d.toDays() + "d";
    }
    return future ? "in " + span : span + " ago";
  }
}
