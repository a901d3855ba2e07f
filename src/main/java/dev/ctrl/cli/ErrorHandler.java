package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns failures into `error: ...` on stderr and an exit code. A stack trace is printed only
 * with -v, and only for internal errors.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  private final CliContext ctx;

  public ErrorHandler(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = ctx.err();
    if (e instanceof CtrlException c) {
      err.println("error: " + c.getMessage());
      if (c.hint() != null) {
        err.println("hint: " + c.hint());
      }
      if (ctx.global().verbose() && c.getCause() != null) {
        err.println(trace(c.getCause()));
      }
      err.flush();
      return c.exitCode();
    }
    err.println("error: internal error: " + e);
    if (ctx.global().verbose()) {
      err.println(trace(e));
    } else {
      err.println("hint: run again with -v for details, and report it if it persists");
    }
    err.flush();
    return ExitCode.FAILURE;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    PrintWriter err = ctx.err();
    err.println("error: " + e.getMessage());
    CommandLine cmd = e.getCommandLine();
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    }
    err.flush();
    return ExitCode.USAGE;
  }

  private static String trace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
