package dev.ctrl;

import dev.ctrl.cli.CliContext;
import dev.ctrl.cli.CommandFactory;
import dev.ctrl.cli.CtrlCommand;
import dev.ctrl.cli.ErrorHandler;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;

/** The composition root: the only place that reads the real environment and calls System.exit. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    boolean tty = Boolean.parseBoolean(System.getProperty("ctrl.tty", String.valueOf(System.console() != null)));
    CliContext ctx = new CliContext(System.getenv(), Path.of("").toAbsolutePath(), out, err, Clock.systemUTC(), tty);
    int code = run(ctx, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs one command line in the given context and returns its exit code (tests call this). */
  public static int run(CliContext ctx, String... args) {
    CommandLine cl = commandLine(ctx);
    return cl.execute(args);
  }

  public static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new CtrlCommand(ctx), new CommandFactory(ctx));
    ErrorHandler handler = new ErrorHandler(ctx);
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setExecutionExceptionHandler(handler);
    cl.setParameterExceptionHandler(handler);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    return cl;
  }
}
