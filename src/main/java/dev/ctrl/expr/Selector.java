package dev.ctrl.expr;

import java.util.Map;

/**
 * A boolean selector with the special cases of DOMAIN.md section 3: null, `""` and `"false"`
 * match nothing and `"true"` matches everything, without loading CEL at all.
 */
public final class Selector {
  private static final Selector NEVER = new Selector("false", null, false);
  private static final Selector ALWAYS = new Selector("true", null, true);

  private final String text;
  private final CompiledExpression compiled;
  private final boolean constant;

  private Selector(String text, CompiledExpression compiled, boolean constant) {
    this.text = text;
    this.compiled = compiled;
    this.constant = constant;
  }

  public static Selector compile(String text, CelExpressions cel) throws ExprException {
    if (text == null || text.isBlank() || text.trim().equals("false")) {
      return NEVER;
    }
    if (text.trim().equals("true")) {
      return ALWAYS;
    }
    return new Selector(text, cel.compile(text, Scope.SELECTOR), false);
  }

  public String text() {
    return text;
  }

  /** True when the selector does not depend on the variables (`true`, `false`, empty). */
  public boolean isConstant() {
    return compiled == null;
  }

  public boolean matches(Map<String, Object> variables) throws ExprException {
    return compiled == null ? constant : compiled.matches(variables);
  }
}
