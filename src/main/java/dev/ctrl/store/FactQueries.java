package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.APPROVALS;
import static dev.ctrl.store.generated.Tables.JOBS;
import static dev.ctrl.store.generated.Tables.POLICY_SKIPS;
import static dev.ctrl.store.generated.Tables.RELEASES;
import static dev.ctrl.store.generated.Tables.RELEASE_TARGETS;
import static dev.ctrl.store.generated.Tables.VERIFICATION_RUNS;
import static dev.ctrl.store.generated.Tables.VERSION_BLOCKS;

import dev.ctrl.engine.ApprovalFact;
import dev.ctrl.engine.BlockFact;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.SkipFact;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.model.TargetKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** The facts the policy engine decides from, read in bulk (one query each, no N+1). */
final class FactQueries {
  private final DSLContext ctx;

  FactQueries(DSLContext ctx) {
    this.ctx = ctx;
  }

  // The two large reads walk the JDBC result set directly: jOOQ builds the SQL, but materialising a
  // jOOQ record per row cost about a second per 100,000 targets in `ctrl plan`.
  List<TargetFact> activeTargets() {
    var query = ctx.select(RELEASE_TARGETS.ID, RELEASE_TARGETS.DEPLOYMENT, RELEASE_TARGETS.ENVIRONMENT,
            RELEASE_TARGETS.RESOURCE)
        .from(RELEASE_TARGETS)
        .where(RELEASE_TARGETS.REMOVED_AT.isNull());
    List<TargetFact> out = new ArrayList<>();
    try (ResultSet rs = query.fetchResultSet()) {
      while (rs.next()) {
        out.add(new TargetFact(rs.getLong(1), new TargetKey(rs.getString(2), rs.getString(3), rs.getString(4))));
      }
    } catch (SQLException e) {
      throw new DataAccessException("reading release targets", e);
    }
    return out;
  }

  List<JobFact> jobs() {
    var query = ctx.select(JOBS.ID, JOBS.TARGET_ID, RELEASES.VERSION_ID, JOBS.RELEASE_ID, JOBS.KIND, JOBS.STATUS,
            JOBS.CREATED_AT, JOBS.COMPLETED_AT, VERIFICATION_RUNS.STATUS, VERIFICATION_RUNS.COMPLETED_AT)
        .from(JOBS)
        .join(RELEASES).on(RELEASES.ID.eq(JOBS.RELEASE_ID))
        .leftJoin(VERIFICATION_RUNS).on(VERIFICATION_RUNS.JOB_ID.eq(JOBS.ID));
    List<JobFact> out = new ArrayList<>();
    Map<String, String> interned = new HashMap<>(); // a few distinct kinds and statuses, 100,000s of rows
    try (ResultSet rs = query.fetchResultSet()) {
      while (rs.next()) {
        out.add(new JobFact(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
            interned.computeIfAbsent(rs.getString(5), k -> k), interned.computeIfAbsent(rs.getString(6), k -> k),
            Instant.ofEpochMilli(rs.getLong(7)), instant(rs, 8), rs.getString(9), instant(rs, 10)));
      }
    } catch (SQLException e) {
      throw new DataAccessException("reading jobs", e);
    }
    return out;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  List<ApprovalFact> approvals() {
    return ctx.select(APPROVALS.VERSION_ID, APPROVALS.ENVIRONMENT, APPROVALS.APPROVER, APPROVALS.DECISION,
            APPROVALS.REASON, APPROVALS.DECIDED_AT)
        .from(APPROVALS)
        .fetch(r -> new ApprovalFact(r.value1(), r.value2(), r.value3(), "approved".equals(r.value4()), r.value5(),
            Instant.ofEpochMilli(r.value6())));
  }

  List<BlockFact> activeBlocks() {
    return ctx.select(VERSION_BLOCKS.VERSION_ID, VERSION_BLOCKS.ENVIRONMENT, VERSION_BLOCKS.REASON, VERSION_BLOCKS.HALT)
        .from(VERSION_BLOCKS)
        .where(VERSION_BLOCKS.LIFTED_AT.isNull())
        .fetch(r -> new BlockFact(r.value1(), r.value2(), r.value3(), r.value4() != 0));
  }

  List<SkipFact> skips() {
    return ctx.select(POLICY_SKIPS.POLICY, POLICY_SKIPS.RULE_NUMBER, POLICY_SKIPS.VERSION_ID, POLICY_SKIPS.ENVIRONMENT,
            POLICY_SKIPS.RESOURCE, POLICY_SKIPS.REASON, POLICY_SKIPS.ACTOR, POLICY_SKIPS.EXPIRES_AT)
        .from(POLICY_SKIPS)
        .fetch(r -> new SkipFact(r.value1(), r.value2().intValue(), r.value3(), r.value4(), r.value5(), r.value6(),
            r.value7(), instant(r.value8())));
  }

  private static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }
}
