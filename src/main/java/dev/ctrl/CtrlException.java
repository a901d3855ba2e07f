package dev.ctrl;

/**
 * The one exception type that reaches the user: a message, an optional hint, and the exit code
 * the program ends with. Anything else that escapes a command is an internal error.
 */
public class CtrlException extends RuntimeException {
  private final int exitCode;
  private final String hint;

  public CtrlException(int exitCode, String message) {
    this(exitCode, message, null, null);
  }

  public CtrlException(int exitCode, String message, String hint) {
    this(exitCode, message, hint, null);
  }

  public CtrlException(int exitCode, String message, String hint, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.hint = hint;
  }

  public int exitCode() {
    return exitCode;
  }

  public String hint() {
    return hint;
  }

  public static CtrlException usage(String message) {
    return new CtrlException(ExitCode.USAGE, message);
  }

  public static CtrlException usage(String message, String hint) {
    return new CtrlException(ExitCode.USAGE, message, hint);
  }
}
