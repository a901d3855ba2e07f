package dev.ctrl.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Finds `{{ EXPR }}` placeholders in template strings so apply can compile each one. */
final class Templates {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);

  private Templates() {}

  static void record(DocContext doc, ScalarNode node, String path, String text) {
    if (!text.contains("{{")) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    int end = 0;
    while (m.find()) {
      doc.expression(node, path, m.group(1).trim(), ExprSite.Kind.TEMPLATE);
      end = m.end();
    }
    if (text.indexOf("{{", end) >= 0) {
      doc.error(node, path, "has a \"{{\" without a closing \"}}\"");
    }
  }
}
