package dev.ctrl;

import dev.ctrl.cli.CliContext;
import dev.ctrl.cli.CommandFactory;
import dev.ctrl.cli.CtrlCommand;
import dev.ctrl.cli.ErrorHandler;
import dev.ctrl.cli.Utf8Writer;
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
    // Utf8Writer: see there why not OutputStreamWriter.
    PrintWriter out = new PrintWriter(new Utf8Writer(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16)), true);
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
    CommandLine cl = commandLine(ctx, subcommand(args), childCommand(args));
    return cl.execute(args);
  }

  private static final String VERSION_ONLY = "\u0000version";

  /** The full command tree (help, completion scripts). */
  public static CommandLine commandLine(CliContext ctx) {
    return commandLine(ctx, null);
  }

  /** The first word that is not an option (or a global option's value): the top-level command, or null. */
  static String subcommand(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return VERSION_ONLY;
    }
    int at = commandIndex(args);
    return at < args.length ? args[at] : null;
  }

  /**
   * The word right after the top-level command (global options aside) when it is not an option:
   * the child a line like `ctrl version create ...` names, or null.
   */
  static String childCommand(String[] args) {
    int next = skipGlobalOptions(args, commandIndex(args) + 1);
    return next < args.length && !args[next].startsWith("-") ? args[next] : null;
  }

  /** Where the top-level command is: the first word that is no option nor a global option's value. */
  private static int commandIndex(String[] args) {
    int i = skipGlobalOptions(args, 0);
    while (i < args.length && args[i].startsWith("-")) {
      i = skipGlobalOptions(args, i + 1);
    }
    return i;
  }

  /** The index of the first argument from `i` on that is not a global option or its value. */
  private static int skipGlobalOptions(String[] args, int i) {
    while (i < args.length) {
      String a = args[i];
      if (a.equals("--db") || a.equals("-o") || a.equals("--output")) {
        i += 2;
      } else if (a.startsWith("--db=") || a.startsWith("--output=") || (a.startsWith("-o") && a.length() > 2)) {
        i++;
      } else {
        return i;
      }
    }
    return i;
  }

  /**
   * The command tree with only `only` registered when it names a known command (so one start pays
   * for one command's model), else every command; likewise for the children of `only`.
   */
  static CommandLine commandLine(CliContext ctx, String only) {
    return commandLine(ctx, only, null);
  }

  static CommandLine commandLine(CliContext ctx, String only, String child) {
    CommandFactory factory = new CommandFactory(ctx);
    CommandLine cl = new CommandLine(new CtrlCommand(ctx), factory);
    // `ctrl --version` needs no command at all
    boolean none = VERSION_ONLY.equals(only);
    boolean one = only != null && CommandFactory.TOP_LEVEL.containsKey(only) && !only.equals("completion");
    for (var e : CommandFactory.TOP_LEVEL.entrySet()) {
      if (!none && (!one || e.getKey().equals(only))) {
        try {
          cl.addSubcommand(e.getKey(), factory.topLevelLine(e.getKey(), one ? child : null));
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
