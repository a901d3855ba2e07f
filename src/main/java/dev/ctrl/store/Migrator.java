package dev.ctrl.store;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the schema migrations listed in `db/migrations/index` (no classpath scanning), in
 * order, tracking the applied count in `PRAGMA user_version`. A state file written by a newer
 * schema is refused rather than touched.
 */
public final class Migrator {
  private static final String INDEX = "/db/migrations/index";

  private Migrator() {}

  public static List<String> migrations() {
    List<String> names = new ArrayList<>();
    for (String line : resource(INDEX).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.trim());
      }
    }
    return names;
  }

  public static int latestVersion() {
    return migrations().size();
  }

  /** Brings the schema up to date; safe when several processes open a new file at once. */
  static void migrate(Connection conn, String where) throws SQLException {
    int latest = latestVersion();
    int current = userVersion(conn);
    checkNotNewer(current, latest, where);
    if (current == latest) {
      return;
    }
    conn.setAutoCommit(false); // BEGIN IMMEDIATE: one migrating process at a time
    try {
      current = userVersion(conn);
      checkNotNewer(current, latest, where);
      List<String> names = migrations();
      try (Statement st = conn.createStatement()) {
        for (int v = current; v < latest; v++) {
          for (String sql : statements(resource("/db/migrations/" + names.get(v)))) {
            st.execute(sql);
          }
        }
        st.execute("PRAGMA user_version = " + latest);
      }
      conn.commit();
    } catch (SQLException | RuntimeException e) {
      conn.rollback();
      throw e;
    } finally {
      conn.setAutoCommit(true);
    }
  }

  private static void checkNotNewer(int current, int latest, String where) {
    if (current > latest) {
      throw new CtrlException(ExitCode.USAGE,
          where + " was written by a newer ctrl (schema version " + current + "; this ctrl knows up to " + latest + ")",
          "upgrade ctrl to use this state file; it was left untouched");
    }
  }

  static int userVersion(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Splits at ';' at the end of a line, the same rule the build's code generator uses. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") && cur.toString().isBlank()) {
        continue;
      }
      cur.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = cur.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        cur.setLength(0);
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = Migrator.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
