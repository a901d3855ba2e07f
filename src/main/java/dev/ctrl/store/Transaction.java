package dev.ctrl.store;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One write transaction on the state file (BEGIN IMMEDIATE ... COMMIT, everything rolled back on
 * any failure), and the errors every write reports alike. No jOOQ here: `version create` runs
 * its transaction without loading it (see VersionWriter).
 */
final class Transaction {
  interface Body<T> {
    T run(Connection conn) throws SQLException;
  }

  private Transaction() {}

  static <T> T run(Database database, Body<T> body) {
    Connection conn = database.connection();
    try {
      conn.setAutoCommit(false); // with transaction_mode=IMMEDIATE this is BEGIN IMMEDIATE
      T result;
      try {
        result = body.run(conn);
        conn.commit();
      } catch (SQLException | RuntimeException | Error e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
      return result;
    } catch (SQLException e) {
      throw failure(database, e);
    } catch (SqlFailure e) {
      throw failure(database, e.getCause());
    }
  }

  static CtrlException failure(Database database, SQLException e) {
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("SQLITE_BUSY") || msg.contains("database is locked")) {
      return new CtrlException(ExitCode.FAILURE, "the state file " + database.path()
          + " stayed locked by another ctrl process for 30s; nothing was changed", "try again", e);
    }
    if (msg.contains("SQLITE_READONLY") || msg.contains("readonly")) {
      return new CtrlException(ExitCode.FAILURE, "the state file " + database.path() + " is read-only; nothing was changed",
          null, e);
    }
    return new CtrlException(ExitCode.FAILURE, "writing the state file failed, nothing was changed: " + msg, null, e);
  }
}
