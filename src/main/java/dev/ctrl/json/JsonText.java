package dev.ctrl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON for plain Java data (Map, List, String, Number, Boolean, null, Instant).
 *
 * <p>The writer is our own because the canonical form (sorted keys, no whitespace, instants as
 * epoch-ms integers) feeds the audit hash chain and must stay byte-stable across library
 * upgrades. Parsing uses jackson-core's streaming parser only, which keeps databind off the
 * start-up path of CI commands.
 */
public final class JsonText {
  /** Made on the first parse: writing alone (`version create`) need not load Jackson. */
  private static final class Parsers {
    static final JsonFactory FACTORY = new JsonFactory();
  }

  private JsonText() {}

  /** Canonical JSON: map keys sorted, no whitespace, instants as epoch milliseconds. */
  public static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, true, -1);
    return out.toString();
  }

  /** Compact JSON that keeps map order as given. */
  public static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, false, -1);
    return out.toString();
  }

  /** Indented JSON that keeps map order (for people and `-o json`). */
  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, false, 0);
    return out.toString();
  }

  /** One element of a pretty-printed top-level array, indented as `pretty` would: for streaming large lists. */
  public static String prettyElement(Object value) {
    // One builder per thread, kept: a plan target renders to ~2.5 KB, and a fresh builder grew
    // (and copied) itself eight times on the way; 100,000 targets made that a GC's worth of garbage.
    StringBuilder out = ELEMENT_BUFFER.get();
    out.setLength(0);
    out.append("  ");
    write(out, value, false, 1);
    String text = out.toString();
    if (out.capacity() > 1 << 20) {
      ELEMENT_BUFFER.remove(); // one huge element must not pin its buffer for good
    }
    return text;
  }

  private static final ThreadLocal<StringBuilder> ELEMENT_BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(8192));

  private static void write(StringBuilder out, Object value, boolean sort, int indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double d) {
      writeDouble(out, d);
    } else if (value instanceof Float f) {
      writeDouble(out, f.doubleValue());
    } else if (value instanceof BigDecimal bd) {
      out.append(bd.stripTrailingZeros().toPlainString());
    } else if (value instanceof Number n) {
      out.append(n.toString());
    } else if (value instanceof Instant i) {
      out.append(i.toEpochMilli());
    } else if (value instanceof Map<?, ?> m) {
      writeMap(out, m, sort, indent);
    } else if (value instanceof Collection<?> c) {
      writeList(out, c, sort, indent);
    } else if (value instanceof Enum<?> e) {
      quote(out, e.toString());
    } else {
      quote(out, value.toString());
    }
  }

  private static void writeDouble(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void writeMap(StringBuilder out, Map<?, ?> map, boolean sort, int indent) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    Map<?, ?> entries = sort ? new TreeMap<>(map) : map;
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, 1);
      quote(out, String.valueOf(e.getKey()));
      out.append(indent >= 0 ? ": " : ":");
      write(out, e.getValue(), sort, indent >= 0 ? indent + 1 : -1);
    }
    newline(out, indent, 0);
    out.append('}');
  }

  private static void writeList(StringBuilder out, Collection<?> list, boolean sort, int indent) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      newline(out, indent, 1);
      write(out, item, sort, indent >= 0 ? indent + 1 : -1);
    }
    newline(out, indent, 0);
    out.append(']');
  }

  /** A line break and indentation, only in indented output (indent >= 0). */
  private static void newline(StringBuilder out, int indent, int deeper) {
    if (indent < 0) {
      return;
    }
    int width = 2 * (indent + deeper);
    out.append('\n');
    while (width > 0) {
      int n = Math.min(width, SPACES.length());
      out.append(SPACES, 0, n);
      width -= n;
    }
  }

  private static final String SPACES = " ".repeat(64);

  /** Appends s as a JSON string literal, escaped. */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    // most strings need no escape: copy them whole (plan -o json writes hundreds of MB of them)
    int clean = 0;
    int len = s.length();
    while (clean < len) {
      char c = s.charAt(clean);
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      clean++;
    }
    if (clean == len) {
      out.append(s).append('"');
      return;
    }
    out.append(s, 0, clean);
    for (int i = clean; i < len; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Parses JSON text into Map (insertion-ordered), List, String, Long/Double/BigInteger, Boolean. */
  public static Object parse(String text) {
    try (JsonParser p = Parsers.FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      return read(p, t);
    } catch (IOException e) {
      throw new UncheckedIOException("invalid JSON: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    if (text == null || text.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Object v = parse(text);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(read(p, next));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return p.getBigIntegerValue();
        }
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected token " + t);
    }
  }
}
