package dev.ctrl.store;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The Store over one SQLite connection, through jOOQ. */
public final class JooqStore extends QueryDelegate implements Store {
  private final Database database;
  private final DSLContext ctx;

  static {
    // jOOQ logs its version check at INFO through java.util.logging; keep stderr for our messages
    org.jooq.tools.JooqLogger.globalThreshold(org.jooq.Log.Level.ERROR);
  }

  public JooqStore(Database database) {
    this(database, DSL.using(database.connection(), SQLDialect.SQLITE, settings()));
  }

  private JooqStore(Database database, DSLContext ctx) {
    super(new Queries(ctx));
    this.database = database;
    this.ctx = ctx;
  }

  private static Settings settings() {
    return new Settings()
        .withRenderSchema(false)
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
        .withExecuteLogging(false);
  }

  public Database database() {
    return database;
  }

  @Override
  public <T> T write(String actor, Instant now, Function<StoreTx, T> work) {
    Connection conn = database.connection();
    try {
      conn.setAutoCommit(false); // with transaction_mode=IMMEDIATE this is BEGIN IMMEDIATE
      T result;
      try {
        JooqTx tx = new JooqTx(ctx, queries, actor, now);
        result = work.apply(tx);
        tx.flush();
        conn.commit();
      } catch (RuntimeException | Error e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
      return result;
    } catch (SQLException e) {
      throw failure(e);
    } catch (DataAccessException e) {
      throw failure(e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e));
    }
  }

  private CtrlException failure(SQLException e) {
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

  @Override
  public void close() {
    database.close();
  }
}
