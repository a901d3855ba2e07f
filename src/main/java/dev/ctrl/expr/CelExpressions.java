package dev.ctrl.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles CEL expressions once and caches them by text. Every variable is a `map(string, dyn)`
 * so plain Java maps go in as they are. Compiled expressions are immutable.
 *
 * <p>This class is what loads CEL (~400 ms of class loading): only commands that evaluate
 * expressions create it. Thread-safe: compilation is synchronized, evaluation is free of shared state.
 */
public final class CelExpressions {
  private final Map<Scope, CelCompiler> compilers = new EnumMap<>(Scope.class);
  private final Map<Scope, Map<String, CompiledExpression>> cache = new EnumMap<>(Scope.class);
  /**
   * Numbers compare across int, uint and double (`result.value < 1` with a double value): metric
   * values are doubles, and people write integer thresholds.
   */
  private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  /** Compiles (or returns the cached) expression; throws with the position inside the text. */
  public synchronized CompiledExpression compile(String text, Scope scope) throws ExprException {
    Map<String, CompiledExpression> byText = cache.computeIfAbsent(scope, s -> new HashMap<>());
    CompiledExpression hit = byText.get(text);
    if (hit != null) {
      return hit;
    }
    if (text.isBlank()) {
      throw new ExprException("the expression is empty", 0, 0);
    }
    try {
      CelAbstractSyntaxTree ast = compiler(scope).compile(text).getAst();
      checkResultType(ast.getResultType(), scope);
      CelRuntime.Program program = runtime.createProgram(ast);
      CompiledExpression compiled = new CompiledExpression(text, scope, program);
      byText.put(text, compiled);
      return compiled;
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
      if (first == null) {
        throw new ExprException(e.getMessage(), 0, 0);
      }
      int line = first.getSourceLocation().getLine();
      int column = first.getSourceLocation().getColumn();
      throw new ExprException(first.getMessage(), line, column < 0 ? 0 : column + 1);
    } catch (dev.cel.common.CelException e) {
      throw new ExprException(e.getMessage(), 0, 0);
    }
  }

  /** A result type known at compile time must fit the scope; `dyn` is checked at evaluation. */
  private static void checkResultType(CelType type, Scope scope) throws ExprException {
    if (type.equals(SimpleType.DYN) || type.kind() == CelKind.ERROR || type.kind() == CelKind.ANY) {
      return;
    }
    if (scope.yieldsBoolean() && !type.equals(SimpleType.BOOL)) {
      throw new ExprException("yields a " + type.name() + ", not a boolean (true or false)", 0, 0);
    }
    if (scope == Scope.ORDER && !type.equals(SimpleType.STRING)) {
      throw new ExprException("yields a " + type.name() + ", not a string (write string(...) around it)", 0, 0);
    }
  }

  private CelCompiler compiler(Scope scope) {
    return compilers.computeIfAbsent(scope, s -> {
      CelCompilerBuilder b = CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
      for (String v : s.variables()) {
        b.addVar(v, MapType.create(SimpleType.STRING, SimpleType.DYN));
      }
      return b.build();
    });
  }
}
