package dev.ctrl.store;

import dev.ctrl.concurrent.Background;
import dev.ctrl.engine.JobFact;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The engine's facts with the jobs, the bulk of them, read in slices on sibling connections while
 * the main connection reads the targets and the rest.
 *
 * <p>Why: sqlite-jdbc serialises every call on a connection, so one connection reads on one core.
 * At 100,000 targets (380,000 jobs) reading the jobs took 0.9 s and the targets 0.5 s, one after
 * the other, at the start of every `ctrl plan`. Each slice is its own statement, as each read
 * already was on one connection; callers that need every job's version read versions afterwards
 * (SnapshotLoader does).
 */
final class ParallelFacts {
  /** Below this many jobs, starting connections and threads costs more than it saves. */
  static final long PARALLEL_FROM = 50_000;

  private ParallelFacts() {}

  /** `meanwhile` runs on this thread once the slices are reading (first, when nothing is read in parallel). */
  static StoreReader.Facts read(Database database, DSLContext main, long parallelFrom, int slices,
      Runnable meanwhile) {
    FactQueries here = new FactQueries(main);
    long[] rowids = here.jobRowids();
    if (rowids == null || rowids[1] - rowids[0] + 1 < parallelFrom || slices < 1 || inTransaction(database)) {
      meanwhile.run();
      return new StoreReader.Facts(here.activeTargets(), here.jobs(), here.approvals(), here.activeBlocks(),
          here.skips());
    }
    List<Background<List<JobFact>>> parts = new ArrayList<>();
    long span = (rowids[1] - rowids[0]) / slices + 1;
    for (int i = 0; i < slices; i++) {
      long from = rowids[0] + i * span;
      long to = i == slices - 1 ? rowids[1] : from + span - 1;
      parts.add(Background.start("ctrl-read-jobs-" + i, () -> slice(database, from, to)));
    }
    meanwhile.run();
    var targets = here.activeTargets();
    var approvals = here.approvals();
    var blocks = here.activeBlocks();
    var skips = here.skips();
    List<JobFact> jobs = new ArrayList<>();
    for (Background<List<JobFact>> part : parts) {
      jobs.addAll(part.join());
    }
    return new StoreReader.Facts(targets, jobs, approvals, blocks, skips);
  }

  /** Inside a transaction the main connection sees its own changes, which siblings would not. */
  private static boolean inTransaction(Database database) {
    try {
      return !database.connection().getAutoCommit();
    } catch (SQLException e) {
      return true;
    }
  }

  private static List<JobFact> slice(Database database, long from, long to) {
    try (Connection c = database.openSibling()) {
      return new FactQueries(DSL.using(c, SQLDialect.SQLITE, JooqStore.settings())).jobs(from, to);
    } catch (SQLException e) {
      throw new DataAccessException("reading jobs on a second connection", e);
    }
  }
}
