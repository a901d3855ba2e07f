package dev.ctrl.store;

import dev.ctrl.Main;
import dev.ctrl.cli.CliContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** A separate process for the concurrency test: runs `ctrl version create` N times, each a fresh connection. */
public final class VersionCreateWorker {
  private VersionCreateWorker() {}

  public static void main(String[] args) {
    String db = args[0];
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    for (int i = 0; i < count; i++) {
      CliContext ctx = new CliContext(Map.of("CTRL_USER", prefix), Path.of("").toAbsolutePath(), out, err,
          Clock.systemUTC(), false);
      int code = Main.run(ctx, "--db", db, "version", "create", "--deployment", "api", "--tag", prefix + "-" + i);
      if (code != 0) {
        System.exit(code);
      }
    }
    System.exit(0);
  }
}
