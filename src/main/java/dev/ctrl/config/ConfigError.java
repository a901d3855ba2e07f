package dev.ctrl.config;

/**
 * One problem in the declarative config, printed as
 * `file:line:column: Policy "prod-gates" rules[2].gradualRollout.interval: message`.
 *
 * @param subject how the document is named (`Policy "prod-gates"`), or null for file-level errors
 * @param path the field path inside the document (indices count from 0), or empty
 */
public record ConfigError(Location at, String subject, String path, String message) implements Comparable<ConfigError> {
  public String format() {
    StringBuilder out = new StringBuilder(at.toString()).append(": ");
    if (subject != null) {
      out.append(subject);
      if (path != null && !path.isEmpty()) {
        out.append(' ').append(path);
      }
      out.append(": ");
    } else if (path != null && !path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.append(message).toString();
  }

  @Override
  public int compareTo(ConfigError o) {
    int c = at.file().compareTo(o.at.file());
    if (c == 0) {
      c = Integer.compare(at.line(), o.at.line());
    }
    if (c == 0) {
      c = Integer.compare(at.column(), o.at.column());
    }
    return c != 0 ? c : format().compareTo(o.format());
  }
}
