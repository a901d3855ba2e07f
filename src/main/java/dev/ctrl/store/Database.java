package dev.ctrl.store;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * One connection to the SQLite state file: WAL, a 30 s busy timeout (many CI runners start at
 * once), synchronous=FULL (a recorded dispatch intent must survive a power cut), foreign keys on,
 * and BEGIN IMMEDIATE for every write transaction. SQLite-only settings live here and nowhere else.
 */
public final class Database implements AutoCloseable {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  /** State files this process has already found to be SQLite files (see checkHeaderOnce). */
  private static final java.util.Set<Path> CHECKED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Path path;
  private final Connection connection;

  private Database(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  /** Opens an existing state file (or creates it when create is true) and migrates its schema. */
  public static Database open(Path path, boolean create) {
    boolean exists = Files.exists(path);
    if (!exists && !create) {
      throw new CtrlException(ExitCode.USAGE, "no state file at " + path, "create it with: ctrl init --db " + path);
    }
    if (exists) {
      checkHeaderOnce(path);
    } else {
      try {
        Files.createDirectories(path.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new CtrlException(ExitCode.FAILURE, "cannot create " + path.getParent() + ": " + e.getMessage());
      }
    }
    String url = url(path);
    try {
      // The driver directly: DriverManager would first scan the whole jar for drivers (~10 ms).
      Connection conn = org.sqlite.JDBC.createConnection(url, new java.util.Properties());
      Migrator.migrate(conn, path.toString());
      return new Database(path, conn);
    } catch (SQLException e) {
      String msg = String.valueOf(e.getMessage());
      if (msg.contains("SQLITE_NOTADB") || msg.contains("not a database")) {
        throw notSqlite(path);
      }
      throw new CtrlException(ExitCode.FAILURE, "cannot open state file " + path + ": " + msg, null, e);
    }
  }

  /**
   * Checks the header the first time this process opens the file. Never again: reading it means
   * opening and closing a descriptor of the file, and closing any descriptor drops every POSIX
   * lock the process holds on it, including the read lock its open SQLite connections keep. With
   * that lock gone, another process closing the file believes it is the last user, checkpoints
   * and deletes the write-ahead log, and what this process commits afterwards is lost. (The
   * rollout loop's lease renewer opens a second connection while the first is open.)
   */
  private static void checkHeaderOnce(Path path) {
    Path key;
    try {
      key = path.toRealPath();
    } catch (IOException e) {
      key = path.toAbsolutePath().normalize();
    }
    if (CHECKED.contains(key)) {
      return;
    }
    checkHeader(path);
    CHECKED.add(key);
  }

  private static void checkHeader(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(SQLITE_MAGIC.length);
      if (head.length == 0) {
        return; // an empty file is a fresh database to SQLite
      }
      if (!Arrays.equals(head, SQLITE_MAGIC)) {
        throw notSqlite(path);
      }
    } catch (IOException e) {
      throw new CtrlException(ExitCode.USAGE, "cannot read state file " + path + ": " + e.getMessage());
    }
  }

  private static CtrlException notSqlite(Path path) {
    return new CtrlException(ExitCode.USAGE, path + " is not a ctrl state file (it is not an SQLite database)",
        "point --db or CTRL_DB at the state file, or create one with `ctrl init`");
  }

  private static String url(Path path) {
    return "jdbc:sqlite:" + path + "?journal_mode=WAL&busy_timeout=30000&synchronous=FULL"
        + "&foreign_keys=true&transaction_mode=IMMEDIATE";
  }

  /**
   * A second connection to the same (already opened and migrated) file, for reading beside the
   * first one; the caller closes it. SQLite keeps the file's POSIX locks per process and defers
   * closing descriptors while they are held, so closing it is safe (unlike a plain open/close).
   */
  public Connection openSibling() throws SQLException {
    return org.sqlite.JDBC.createConnection(url(path), new java.util.Properties());
  }

  public Path path() {
    return path;
  }

  public Connection connection() {
    return connection;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing a read-only or already-failed connection: nothing left to save
    }
  }
}
