package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.JOBS;
import static dev.ctrl.store.generated.Tables.JOB_LINKS;
import static dev.ctrl.store.generated.Tables.RELEASES;
import static dev.ctrl.store.generated.Tables.RELEASE_TARGETS;
import static dev.ctrl.store.generated.Tables.VERSIONS;

import dev.ctrl.model.TargetKey;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Reads of jobs and releases for people: filtered listings, links, id prefixes. */
final class JobQueries {
  private final DSLContext ctx;
  private final Queries queries;

  JobQueries(Queries queries) {
    this.ctx = queries.ctx();
    this.queries = queries;
  }

  List<JobRecord> jobs(JobFilter f) {
    Condition where = targetFilter(f.deployment(), f.environment(), f.targetKey());
    if (!f.statuses().isEmpty()) {
      where = where.and(JOBS.STATUS.in(f.statuses()));
    }
    return queries.jobs(where, true, f.limit());
  }

  /** job id -> link name -> url, names in order. */
  Map<String, Map<String, String>> links(Collection<String> jobIds) {
    Map<String, Map<String, String>> out = new HashMap<>();
    if (jobIds.isEmpty()) {
      return out;
    }
    ctx.select(JOB_LINKS.JOB_ID, JOB_LINKS.NAME, JOB_LINKS.URL)
        .from(JOB_LINKS)
        .where(JOB_LINKS.JOB_ID.in(jobIds))
        .orderBy(JOB_LINKS.JOB_ID, JOB_LINKS.NAME)
        .forEach(r -> out.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value3()));
    return out;
  }

  List<String> idsStartingWith(String prefix, int limit) {
    return ctx.select(JOBS.ID).from(JOBS).where(JOBS.ID.startsWith(prefix)).orderBy(JOBS.ID).limit(limit)
        .fetch(JOBS.ID);
  }

  /** Releases newest first, of all targets (removed ones too: releases are history). */
  List<ReleaseRow> releases(String deployment, String environment, String targetKey, Long releaseId) {
    Condition where = targetFilter(deployment, environment, targetKey);
    if (releaseId != null) {
      where = where.and(RELEASES.ID.eq(releaseId));
    }
    Map<Long, TargetRow.LatestJob> latest = new HashMap<>();
    ctx.select(JOBS.RELEASE_ID, JOBS.ID, JOBS.STATUS, JOBS.KIND)
        .from(JOBS)
        .join(RELEASES).on(RELEASES.ID.eq(JOBS.RELEASE_ID))
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(RELEASES.TARGET_ID))
        .where(where)
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .forEach(r -> latest.put(r.value1(), new TargetRow.LatestJob(r.value2(), r.value3(), r.value4())));
    return ctx.select(RELEASES.ID, RELEASE_TARGETS.DEPLOYMENT, RELEASE_TARGETS.ENVIRONMENT, RELEASE_TARGETS.RESOURCE,
            VERSIONS.TAG, RELEASES.VARIABLES, RELEASES.CREATED_AT)
        .from(RELEASES)
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(RELEASES.TARGET_ID))
        .join(VERSIONS).on(VERSIONS.ID.eq(RELEASES.VERSION_ID))
        .where(where)
        .orderBy(RELEASES.CREATED_AT.desc(), RELEASES.ID.desc())
        .fetch(r -> new ReleaseRow(r.value1(), new TargetKey(r.value2(), r.value3(), r.value4()), r.value5(),
            r.value6(), Instant.ofEpochMilli(r.value7()), latest.get(r.value1())));
  }

  private static Condition targetFilter(String deployment, String environment, String targetKey) {
    Condition where = DSL.trueCondition();
    if (deployment != null) {
      where = where.and(RELEASE_TARGETS.DEPLOYMENT.eq(deployment));
    }
    if (environment != null) {
      where = where.and(RELEASE_TARGETS.ENVIRONMENT.eq(environment));
    }
    if (targetKey != null) {
      where = where.and(RELEASE_TARGETS.TARGET_KEY.eq(targetKey));
    }
    return where;
  }
}
