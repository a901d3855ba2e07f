package dev.ctrl.store;

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

  public JooqStore(Database database) {
    // jOOQ's context is made on first use: initialising jOOQ costs ~100 ms of class loading, and
    // `version create` (on every CI build) writes through plain JDBC (VersionWriter) without it.
    super(() -> new Queries(dsl(database)));
    this.database = database;
  }

  private DSLContext ctx() {
    return queries().ctx();
  }

  private static DSLContext dsl(Database database) {
    // jOOQ logs its version check at INFO through java.util.logging; keep stderr for our messages
    org.jooq.tools.JooqLogger.globalThreshold(org.jooq.Log.Level.ERROR);
    return DSL.using(database.connection(), SQLDialect.SQLITE, settings());
  }

  static Settings settings() {
    return new Settings()
        .withRenderSchema(false)
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
        .withExecuteLogging(false);
  }

  /** See ParallelFacts: the jobs are read in slices beside the rest, on as many cores as there are (up to 2). */
  @Override
  public Facts facts() {
    return facts(() -> { });
  }

  @Override
  public Facts facts(Runnable meanwhile) {
    int slices = Math.min(2, Runtime.getRuntime().availableProcessors());
    return ParallelFacts.read(database, ctx(), ParallelFacts.PARALLEL_FROM, slices, meanwhile);
  }

  public Database database() {
    return database;
  }

  @Override
  public <T> T write(String actor, Instant now, Function<StoreTx, T> work) {
    try {
      return Transaction.run(database, conn -> {
        JooqTx tx = new JooqTx(ctx(), queries(), conn, actor, now);
        T result = work.apply(tx);
        tx.flush();
        return result;
      });
    } catch (DataAccessException e) {
      throw Transaction.failure(database,
          e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e));
    }
  }

  @Override
  public <T> T writeVersions(String actor, Instant now, Function<VersionTx, T> work) {
    return Transaction.run(database, conn -> {
      VersionWriter tx = new VersionWriter(conn, new EventLog(conn), actor, now);
      T result = work.apply(tx);
      tx.flush();
      return result;
    });
  }

  @Override
  public void close() {
    database.close();
  }
}
