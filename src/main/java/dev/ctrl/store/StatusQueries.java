package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.JOBS;
import static dev.ctrl.store.generated.Tables.RELEASES;
import static dev.ctrl.store.generated.Tables.RELEASE_TARGETS;
import static dev.ctrl.store.generated.Tables.VERIFICATION_RUNS;
import static dev.ctrl.store.generated.Tables.VERSIONS;
import static dev.ctrl.store.generated.Tables.VERSION_BLOCKS;

import dev.ctrl.model.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The deployments x environments matrix of `ctrl status` in one query: a table of facts per
 * active target (its current version, latest job, the deployment's newest version), grouped
 * by deployment, environment and current version. Correlated subqueries ride the indexes on
 * jobs(target_id, created_at) and versions(deployment, created_at), so a large fleet costs one
 * pass over its targets.
 */
final class StatusQueries {
  private static final List<String> IN_FLIGHT = statuses(false);
  // Ended without success, and not by a person's choice (cancelled, skipped).
  private static final List<String> FAILED = Arrays.stream(JobStatus.values())
      .filter(s -> s.terminal() && s != JobStatus.SUCCESSFUL && s != JobStatus.CANCELLED && s != JobStatus.SKIPPED)
      .map(JobStatus::wire).toList();

  private final DSLContext ctx;

  StatusQueries(DSLContext ctx) {
    this.ctx = ctx;
  }

  private static List<String> statuses(boolean terminal) {
    return Arrays.stream(JobStatus.values()).filter(s -> s.terminal() == terminal).map(JobStatus::wire).toList();
  }

  /** One row per (deployment, environment) with active targets, in that order; all deployments when empty. */
  List<GroupStatus> groups(Collection<String> deployments) {
    var t = RELEASE_TARGETS;
    var j = JOBS.as("j");
    var r = RELEASES.as("r");
    var v = VERSIONS.as("v");
    Field<Long> currentId = DSL.select(r.VERSION_ID).from(j).join(r).on(r.ID.eq(j.RELEASE_ID))
        .where(j.TARGET_ID.eq(t.ID).and(j.STATUS.eq(JobStatus.SUCCESSFUL.wire())))
        .orderBy(j.COMPLETED_AT.desc(), j.CREATED_AT.desc()).limit(1).asField("current_id");
    Field<String> latestJob = DSL.select(j.ID).from(j).where(j.TARGET_ID.eq(t.ID))
        .orderBy(j.CREATED_AT.desc(), j.ID.desc()).limit(1).asField("latest_job");
    Field<Long> newestId = DSL.select(v.ID).from(v).where(v.DEPLOYMENT.eq(t.DEPLOYMENT))
        .orderBy(v.CREATED_AT.desc(), v.ID.desc()).limit(1).asField("newest_id");
    Condition where = t.REMOVED_AT.isNull();
    if (!deployments.isEmpty()) {
      where = where.and(t.DEPLOYMENT.in(deployments));
    }
    // Materialized: each target's subqueries run once, where an inlined derived table repeats them
    // for every column that uses them.
    var per = DSL.name("per").asMaterialized(
        DSL.select(t.DEPLOYMENT, t.ENVIRONMENT, currentId, latestJob, newestId).from(t).where(where));
    Field<String> dep = per.field(t.DEPLOYMENT);
    Field<String> env = per.field(t.ENVIRONMENT);
    Field<Long> cur = per.field(currentId);
    Field<Long> newest = per.field(newestId);
    var cv = VERSIONS.as("cv");
    var lj = JOBS.as("lj");
    var vr = VERIFICATION_RUNS.as("vr");
    Condition rolling = lj.STATUS.in(IN_FLIGHT).or(vr.STATUS.eq("running"));
    Condition failed = lj.STATUS.in(FAILED).or(vr.STATUS.eq("failed"));
    Condition blocked = blockedHere(cur, env).or(blockedHere(newest, env));
    Map<List<String>, GroupStatus> out = new LinkedHashMap<>();
    ctx.with(per)
        .select(dep, env, cv.TAG, cv.CREATED_AT, DSL.count(), flag(rolling), flag(failed), flag(blocked))
        .from(per)
        .leftJoin(cv).on(cv.ID.eq(cur))
        .leftJoin(lj).on(lj.ID.eq(per.field(latestJob)))
        .leftJoin(vr).on(vr.JOB_ID.eq(per.field(latestJob)))
        .groupBy(dep, env, cv.TAG, cv.CREATED_AT)
        .orderBy(dep, env)
        .forEach(row -> out.merge(List.of(row.value1(), row.value2()),
            new GroupStatus(row.value1(), row.value2(), List.of(new GroupStatus.VersionCount(row.value3(),
                row.value4() == null ? null : Instant.ofEpochMilli(row.value4()), row.value5())),
                row.value6() > 0, row.value7() > 0, row.value8() > 0),
            StatusQueries::merge));
    return new ArrayList<>(out.values());
  }

  /** The version is rejected, or blocked in the environment or everywhere, and not lifted. */
  private static Condition blockedHere(Field<Long> versionId, Field<String> environment) {
    var b = VERSION_BLOCKS.as("b");
    var rv = VERSIONS.as("rv");
    return versionId.in(DSL.select(b.VERSION_ID).from(b)
            .where(b.LIFTED_AT.isNull().and(b.ENVIRONMENT.isNull().or(b.ENVIRONMENT.eq(environment)))))
        .or(versionId.in(DSL.select(rv.ID).from(rv).where(rv.STATUS.eq(dev.ctrl.model.VersionStatus.REJECTED.wire()))));
  }

  private static Field<Integer> flag(Condition c) {
    return DSL.max(DSL.when(c, DSL.inline(1)).otherwise(DSL.inline(0)));
  }

  private static GroupStatus merge(GroupStatus a, GroupStatus b) {
    List<GroupStatus.VersionCount> versions = new ArrayList<>(a.versions());
    versions.addAll(b.versions());
    return new GroupStatus(a.deployment(), a.environment(), versions, a.rollingOut() || b.rollingOut(),
        a.failed() || b.failed(), a.blocked() || b.blocked());
  }
}
