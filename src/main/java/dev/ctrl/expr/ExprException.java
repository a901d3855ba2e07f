package dev.ctrl.expr;

/**
 * An expression that does not compile, or that failed while being evaluated.
 *
 * @param line 1-based line inside the expression, 0 when unknown
 * @param column 1-based column inside the expression, 0 when unknown
 */
public final class ExprException extends Exception {
  private final int line;
  private final int column;

  public ExprException(String message, int line, int column) {
    super(message);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
