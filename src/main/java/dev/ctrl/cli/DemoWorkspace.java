package dev.ctrl.cli;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.store.StateLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * Where `ctrl demo` works: a new temporary directory holding the bundled configuration
 * (`config/`), the state file (`.ctrl/state.db`) and what the demo's agent deploys
 * (`deployed/`). Runs ctrl command lines there, in-process, each echoed as a user would type it
 * in that directory.
 */
final class DemoWorkspace {
  /** The bundled configuration in src/main/resources/demo/, listed (no classpath scanning). */
  static final List<String> FILES = List.of("shop.yaml", "environments.yaml", "resources.yaml", "policies.yaml");

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  final Path dir;
  final Path state;
  final CliContext ctx;

  private DemoWorkspace(Path dir, CliContext parent) {
    this.dir = dir;
    this.state = dir.resolve(StateLocation.DEFAULT_RELATIVE);
    this.ctx = parent.in(dir, state);
  }

  /** A new directory under $TMPDIR (else the JVM's temporary directory) with the bundled config in it. */
  static DemoWorkspace create(CliContext parent) {
    String tmp = parent.env().get("TMPDIR");
    Path root = tmp == null || tmp.isBlank() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(tmp);
    try {
      Path dir = newDirectory(root.toAbsolutePath());
      Path config = Files.createDirectories(dir.resolve("config"));
      for (String name : FILES) {
        try (InputStream in = DemoWorkspace.class.getResourceAsStream("/demo/" + name)) {
          if (in == null) {
            throw new IllegalStateException("the demo's " + name + " is missing from this build");
          }
          Files.copy(in, config.resolve(name));
        }
      }
      return new DemoWorkspace(dir, parent);
    } catch (IOException e) {
      throw new CtrlException(ExitCode.FAILURE, "cannot create the demo's directory in " + root + ": " + e.getMessage(),
          "point TMPDIR to a writable directory");
    }
  }

  /** root/ctrl-demo-XXXXXX, readable by its owner only; a short name, as it is printed on many lines. */
  private static Path newDirectory(Path root) throws IOException {
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      StringBuilder name = new StringBuilder("ctrl-demo-");
      for (int i = 0; i < 6; i++) {
        name.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
      }
      Path dir = root.resolve(name.toString());
      try {
        return posix ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"))) : Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Prints `$ ctrl ARGS` and runs that command line here, as its top-level command would (errors
   * propagate to the demo's own handler); returns its exit code.
   */
  @SuppressWarnings("unchecked")
  int run(String... args) throws Exception {
    ctx.out().println(ctx.renderer().paint("$ ctrl " + quoted(args), "bold"));
    ctx.out().flush();
    CommandFactory factory = new CommandFactory(ctx);
    CommandLine top = factory.topLevelLine(args[0], args.length > 1 ? args[1] : null);
    List<CommandLine> parsed = top.parseArgs(Arrays.copyOfRange(args, 1, args.length)).asCommandLineList();
    int code = ((Callable<Integer>) parsed.get(parsed.size() - 1).getCommand()).call();
    ctx.out().flush();
    ctx.err().flush();
    return code;
  }

  /** Words as a shell takes them: quoted when they hold anything but plain characters. */
  static String quoted(String... words) {
    return Arrays.stream(words).map(w -> w.matches("[\\w./=:@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
        .collect(Collectors.joining(" "));
  }
}
