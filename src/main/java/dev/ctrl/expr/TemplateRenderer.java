package dev.ctrl.expr;

import dev.ctrl.json.JsonText;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders `{{ EXPR }}` placeholders with CEL over the job context (deployment, environment,
 * resource, version, release, job, variables). A placeholder that reads a missing key is an
 * error, never an empty string: a deployment must not run with half its arguments.
 */
public final class TemplateRenderer {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);

  private final CelExpressions cel;

  public TemplateRenderer(CelExpressions cel) {
    this.cel = cel;
  }

  public String render(String template, Map<String, Object> context) throws ExprException {
    if (!template.contains("{{")) {
      return template;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(template, last, m.start());
      String expr = m.group(1).trim();
      Object value;
      try {
        value = cel.compile(expr, Scope.TEMPLATE).eval(context);
      } catch (ExprException e) {
        throw new ExprException("{{ " + expr + " }}: " + e.getMessage(), 0, 0);
      }
      out.append(text(value));
      last = m.end();
    }
    return out.append(template.substring(last)).toString();
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      return JsonText.compact(value);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }
}
