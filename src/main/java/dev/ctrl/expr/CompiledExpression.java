package dev.ctrl.expr;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.HashMap;
import java.util.Map;

/** A compiled CEL expression; evaluation is thread-safe. */
public final class CompiledExpression {
  private final String text;
  private final Scope scope;
  private final CelRuntime.Program program;

  CompiledExpression(String text, Scope scope, CelRuntime.Program program) {
    this.text = text;
    this.scope = scope;
    this.program = program;
  }

  public String text() {
    return text;
  }

  /** Evaluates with the given variables; variables of the scope that are absent are empty maps. */
  public Object eval(Map<String, Object> variables) throws ExprException {
    Map<String, Object> vars = new HashMap<>(variables);
    for (String v : scope.variables()) {
      vars.putIfAbsent(v, Map.of());
    }
    try {
      return program.eval(vars);
    } catch (CelEvaluationException e) {
      throw new ExprException(e.getMessage(), 0, 0);
    }
  }

  /**
   * True when the expression yields true. A missing map key makes it false, never an error
   * (DOMAIN.md section 3); a result that is not a boolean is an error.
   */
  public boolean matches(Map<String, Object> variables) throws ExprException {
    Map<String, Object> vars = new HashMap<>(variables);
    for (String v : scope.variables()) {
      vars.putIfAbsent(v, Map.of());
    }
    Object result;
    try {
      result = program.eval(vars);
    } catch (CelEvaluationException e) {
      if (e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND || String.valueOf(e.getMessage()).contains("not present in map")) {
        return false;
      }
      throw new ExprException(e.getMessage(), 0, 0);
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw new ExprException("yields " + describe(result) + ", not a boolean (true or false)", 0, 0);
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof Number n) {
      return "the number " + n;
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof java.util.Map<?, ?>) {
      return "a map";
    }
    if (v instanceof java.util.Collection<?>) {
      return "a list";
    }
    return "a value of type " + v.getClass().getSimpleName();
  }
}
