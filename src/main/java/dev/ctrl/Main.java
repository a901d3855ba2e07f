package dev.ctrl;

import dev.ctrl.cli.CliContext;
import dev.ctrl.cli.CommandFactory;
import dev.ctrl.cli.CtrlCommand;
import dev.ctrl.cli.ErrorHandler;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
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
    // Straight to file descriptor 1 through a 64 KiB buffer: System.out flushes every 8 KiB write,
    // a system call each, which `plan -o json` on a large fleet (hundreds of MB) felt. println
    // still flushes, so line-by-line output (rollout events) appears as it happens.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), StandardCharsets.UTF_8), true);
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
    CommandLine cl = commandLine(ctx, subcommand(args));
    return cl.execute(args);
  }

  private static final String VERSION_ONLY = "\u0000version";

  /** The full command tree (help, completion scripts). */
  public static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, null);
  }

  /** The first word that is not a global option (or its value): the top-level command, or null. */
  static String subcommand(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return VERSION_ONLY;
    }
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--db") || a.equals("-o") || a.equals("--output")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /**
   * The command tree with only `only` registered when it names a known command (so one start pays
   * for one command's model), else every command.
   */
  static CommandLine commandLine(CliContext ctx, String only) {
    CommandFactory factory = new CommandFactory(ctx);
    CommandLine cl = new CommandLine(new CtrlCommand(ctx), factory);
    // `ctrl --version` needs no command at all
    boolean none = VERSION_ONLY.equals(only);
    boolean one = only != null && CommandFactory.TOP_LEVEL.containsKey(only) && !only.equals("completion");
    for (var e : CommandFactory.TOP_LEVEL.entrySet()) {
      if (!none && (!one || e.getKey().equals(only))) {
        try {
          cl.addSubcommand(e.getKey(), new CommandLine(factory.topLevelCommand(e.getValue()), factory));
        } catch (Exception ex) {
          throw new IllegalStateException("cannot build command " + e.getKey(), ex);
        }
      }
    }
    if (!one && !none) {
      cl.addSubcommand("help", new CommandLine.HelpCommand());
    }
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
