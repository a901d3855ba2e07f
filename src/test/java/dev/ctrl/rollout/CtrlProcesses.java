package dev.ctrl.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctrl.CliRunner;
import dev.ctrl.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Real `ctrl` processes on a state file in a project directory, for the tests that kill loops or
 * run two at once: started with the test class path and dev.ctrl.Main (surefire runs before the
 * jar exists), their output in numbered files in the project directory. Setup commands run
 * in-process with the real time.
 */
final class CtrlProcesses {
  /** One started process and the files holding its stdout and stderr. */
  record Run(Process process, Path out, Path err, String name) {
    String stdout() {
      return read(out);
    }

    String stderr() {
      return read(err);
    }

    /** Both streams, for failure messages. */
    String output() {
      return name + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (IOException e) {
        return "(unreadable: " + e.getMessage() + ")";
      }
    }

    /** Waits for the process to end, at most `max`; fails the test (after killing it) when it does not. */
    int await(Duration max) throws InterruptedException {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError(name + " did not end within " + max + "\n" + output());
      }
      return process.exitValue();
    }
  }

  private static final Path NO_ARCHIVE = Path.of("");
  private static Path archive;
  private static String classPath;

  private final Path dir;
  private final Path db;
  private final AtomicInteger runs = new AtomicInteger();
  final List<Run> started = new ArrayList<>();

  CtrlProcesses(Path dir) {
    this.dir = dir;
    this.db = dir.resolve(".ctrl/state.db");
  }

  Path dir() {
    return dir;
  }

  /** `ctrl ARGS` in-process, now (not a fixed test instant: the loop processes use the real clock). */
  CliRunner.Result ok(String... args) {
    return new CliRunner(dir).at(Instant.now()).ok(args);
  }

  /**
   * Creates the state file and applies `yaml`; the first time in this JVM, also records a class
   * data archive with a `ctrl rollout --once` that has nothing to do, which halves the start-up of
   * every later process (these tests start dozens).
   */
  void init(String yaml) throws IOException, InterruptedException {
    ok("init");
    TestFiles.write(dir, "ctrl.yaml", yaml);
    ok("apply", "-f", "ctrl.yaml");
    synchronized (CtrlProcesses.class) {
      if (archive == null) {
        Path tmp = Files.createTempDirectory("ctrl-test-jvm");
        classPath = classPath(tmp);
        Path jsa = tmp.resolve("ctrl.jsa");
        Run dump = start(List.of("-XX:ArchiveClassesAtExit=" + jsa), "rollout", "--once");
        dump.await(Duration.ofMinutes(2));
        archive = Files.exists(jsa) ? jsa : NO_ARCHIVE;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(tmp)));
      }
    }
  }

  /**
   * The test class path with the main classes packed into a jar (class data archives refuse
   * directories) and the test classes left out: the processes run ctrl, nothing else.
   */
  private static String classPath(Path tmp) throws IOException {
    List<String> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isDirectory(p)) {
        out.add(entry);
      } else if (Files.exists(p.resolve("dev/ctrl/Main.class"))) {
        Path jar = tmp.resolve("ctrl-classes.jar");
        try (var files = Files.walk(p);
            var zip = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
            zip.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, zip);
            zip.closeEntry();
          }
        }
        out.add(0, jar.toString());
      }
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: best effort
    }
  }

  /** Starts `ctrl ARGS` as its own JVM in the project directory. */
  Run start(String... args) throws IOException {
    return start(archive == null || archive == NO_ARCHIVE ? List.of() : List.of("-XX:SharedArchiveFile=" + archive,
        "-Xlog:cds=off", "-Xlog:cds+dynamic=off"), args);
  }

  private Run start(List<String> jvmOptions, String... args) throws IOException {
    int n = runs.incrementAndGet();
    String name = "ctrl " + String.join(" ", args) + " #" + n;
    Path out = dir.resolve("run-" + n + ".out");
    Path err = dir.resolve("run-" + n + ".err");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", classPath == null ? System.getProperty("java.class.path") : classPath, "dev.ctrl.Main",
        "--db", db.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("CTRL_USER", "tester");
    pb.environment().put("NO_COLOR", "1");
    Run run = new Run(pb.start(), out, err, name);
    started.add(run);
    return run;
  }

  /**
   * `ctrl get jobs -o json` (all of them), each job as "target version kind status verification"
   * (verification: its status, or "unverified"), keyed by job id.
   */
  java.util.Map<String, String> jobs() {
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, Object>> jobs = (List<java.util.Map<String, Object>>) dev.ctrl.json.JsonText.parse(
        ok("get", "jobs", "--limit", "100000", "-o", "json").out());
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (java.util.Map<String, Object> j : jobs) {
      Object verification = j.get("verification") instanceof java.util.Map<?, ?> v ? v.get("status") : "unverified";
      out.put((String) j.get("id"), j.get("target") + " " + j.get("version") + " " + j.get("kind") + " " + j.get("status")
          + " " + verification);
    }
    return out;
  }

  /** Kills every process still running (test clean-up). */
  void killAll() throws InterruptedException {
    for (Run r : started) {
      if (r.process().isAlive()) {
        r.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The first column of every row of `sql`, as strings. */
  List<String> column(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 30000");
      List<String> out = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The holder of a deployment's lease, or null when no one holds it. */
  String leaseHolder(String deployment) {
    List<String> h = column("SELECT holder FROM leases WHERE name = 'deployment/" + deployment + "'");
    return h.isEmpty() ? null : h.get(0);
  }

  /** Whether `run` holds the deployment's lease now. */
  boolean holds(Run run, String deployment) {
    String h = leaseHolder(deployment);
    return h != null && h.contains(" pid " + run.process().pid() + " ");
  }

  /** The lines of a file in the project directory (none when it does not exist). */
  List<String> lines(String file) {
    try {
      Path p = dir.resolve(file);
      return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> !l.isBlank()).toList() : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls `condition` every 20 ms until it holds (true) or `max` passes (false). */
  static boolean poll(Duration max, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** `PRAGMA integrity_check` says ok. */
  void assertIntact() {
    assertThat(column("PRAGMA integrity_check")).containsExactly("ok");
  }
}
