package dev.ctrl.config;

import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.DumperOptions;

/** What binding one document collects: its errors, expressions and references. */
final class DocContext {
  final String file;
  String subject;
  final List<ConfigError> errors;
  final List<ExprSite> expressions;
  final List<RefSite> references;

  /** The file's lines, to find where a block scalar's content starts. */
  String[] lines = new String[0];

  DocContext(String file, String subject, List<ConfigError> errors, List<ExprSite> expressions, List<RefSite> references) {
    this.file = file;
    this.subject = subject;
    this.errors = errors;
    this.expressions = expressions;
    this.references = references;
  }

  Location loc(Node node) {
    Mark m = node.getStartMark();
    return m == null ? new Location(file, 1, 1) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
  }

  void error(Node node, String path, String message) {
    errors.add(new ConfigError(loc(node), subject, path, message));
  }

  void expression(ScalarNode node, String path, String expression, ExprSite.Kind kind) {
    Location start = loc(node);
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    boolean quoted = style == DumperOptions.ScalarStyle.DOUBLE_QUOTED || style == DumperOptions.ScalarStyle.SINGLE_QUOTED;
    boolean singleLine = node.getEndMark() != null && node.getEndMark().getLine() == node.getStartMark().getLine();
    boolean exact = singleLine && (quoted || style == DumperOptions.ScalarStyle.PLAIN);
    Location at = quoted ? new Location(file, start.line(), start.column() + 1) : start;
    if (style == DumperOptions.ScalarStyle.LITERAL) {
      // content starts on the line after `|`, indented; its lines map one to one onto the file's
      int first = start.line(); // 0-based index of the line after the indicator
      int indent = 0;
      for (int i = first; i < lines.length; i++) {
        if (!lines[i].isBlank()) {
          indent = lines[i].length() - lines[i].stripLeading().length();
          break;
        }
      }
      at = new Location(file, first + 1, indent + 1);
      exact = true;
    }
    expressions.add(new ExprSite(at, exact, subject, path, expression, kind));
  }
}
