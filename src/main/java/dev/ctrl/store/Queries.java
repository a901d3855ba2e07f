package dev.ctrl.store;

import static dev.ctrl.store.generated.Tables.JOBS;
import static dev.ctrl.store.generated.Tables.RELEASES;
import static dev.ctrl.store.generated.Tables.RELEASE_TARGETS;
import static dev.ctrl.store.generated.Tables.RESOURCES;
import static dev.ctrl.store.generated.Tables.VERIFICATION_RUNS;
import static dev.ctrl.store.generated.Tables.VERSIONS;

import dev.ctrl.model.ObjectType;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The read queries, shared by plain reads and reads inside a write transaction. */
final class Queries {
  private final DSLContext ctx;

  Queries(DSLContext ctx) {
    this.ctx = ctx;
  }

  DSLContext ctx() {
    return ctx;
  }

  List<StoredObject> objects(ObjectType type) {
    DeclaredTables.Columns c = DeclaredTables.of(type);
    return ctx.select(c.id(), c.spec(), c.source(), c.createdAt(), c.updatedAt())
        .from(c.table())
        .orderBy(c.id())
        .fetch(r -> new StoredObject(type, r.value1(), r.value2(), r.value3(), Instant.ofEpochMilli(r.value4()),
            Instant.ofEpochMilli(r.value5())));
  }

  Optional<StoredObject> object(ObjectType type, String id) {
    DeclaredTables.Columns c = DeclaredTables.of(type);
    return ctx.select(c.id(), c.spec(), c.source(), c.createdAt(), c.updatedAt())
        .from(c.table())
        .where(c.id().eq(id))
        .fetchOptional(r -> new StoredObject(type, r.value1(), r.value2(), r.value3(), Instant.ofEpochMilli(r.value4()),
            Instant.ofEpochMilli(r.value5())));
  }

  List<Version> versions(String deployment) {
    Condition where = deployment == null ? DSL.trueCondition() : VERSIONS.DEPLOYMENT.eq(deployment);
    return ctx.select(VERSIONS.asterisk()).from(VERSIONS).where(where)
        .orderBy(VERSIONS.CREATED_AT.desc(), VERSIONS.TAG.desc())
        .fetch(Queries::version);
  }

  Optional<Version> version(String deployment, String tag) {
    return ctx.select(VERSIONS.asterisk()).from(VERSIONS)
        .where(VERSIONS.DEPLOYMENT.eq(deployment).and(VERSIONS.TAG.eq(tag)))
        .fetchOptional(Queries::version);
  }

  static Version version(Record r) {
    return VersionWriter.version(r.get(VERSIONS.ID), r.get(VERSIONS.DEPLOYMENT), r.get(VERSIONS.TAG),
        r.get(VERSIONS.NAME), r.get(VERSIONS.STATUS), r.get(VERSIONS.METADATA), r.get(VERSIONS.CONFIG),
        r.get(VERSIONS.AGENT_CONFIG), r.get(VERSIONS.MESSAGE), r.get(VERSIONS.CREATED_AT), r.get(VERSIONS.UPDATED_AT));
  }

  List<JobRecord> jobs(Condition where) {
    return jobs(where, false, Integer.MAX_VALUE);
  }

  /** Jobs matching `where`, oldest first (newest first with newestFirst), at most limit. */
  List<JobRecord> jobs(Condition where, boolean newestFirst, int limit) {
    return ctx.select(JOBS.ID, JOBS.RELEASE_ID, JOBS.TARGET_ID, RELEASE_TARGETS.TARGET_KEY, VERSIONS.DEPLOYMENT,
            VERSIONS.TAG, JOBS.AGENT, JOBS.KIND, JOBS.STATUS, JOBS.DISPATCHING, JOBS.EXTERNAL_ID, JOBS.MESSAGE,
            JOBS.ATTEMPT, JOBS.CREATED_AT, JOBS.STARTED_AT, JOBS.COMPLETED_AT)
        .from(JOBS)
        .join(RELEASES).on(RELEASES.ID.eq(JOBS.RELEASE_ID))
        .join(VERSIONS).on(VERSIONS.ID.eq(RELEASES.VERSION_ID))
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(JOBS.TARGET_ID))
        .where(where)
        .orderBy(newestFirst ? List.of(JOBS.CREATED_AT.desc(), JOBS.ID.desc())
            : List.of(JOBS.CREATED_AT.asc(), JOBS.ID.asc()))
        .limit(limit)
        .fetch(r -> new JobRecord(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
            r.value8(), r.value9(), r.value10() != 0, r.value11(), r.value12(), r.value13().intValue(),
            Instant.ofEpochMilli(r.value14()), r.value15() == null ? null : Instant.ofEpochMilli(r.value15()),
            r.value16() == null ? null : Instant.ofEpochMilli(r.value16())));
  }

  List<EventRow> events(String deployment, String targetKey, Instant since, int limit) {
    var E = dev.ctrl.store.generated.Tables.EVENTS;
    Condition where = DSL.trueCondition();
    if (deployment != null) {
      where = where.and(E.SUBJECT.eq("deployment/" + deployment)
          .or(E.SUBJECT.startsWith("version/" + deployment + "/"))
          .or(E.SUBJECT.startsWith("target/" + deployment + "/"))
          .or(E.SUBJECT.in(jobSubjects(RELEASE_TARGETS.DEPLOYMENT.eq(deployment)))));
    }
    if (targetKey != null) {
      where = where.and(E.SUBJECT.eq("target/" + targetKey)
          .or(E.SUBJECT.in(jobSubjects(RELEASE_TARGETS.TARGET_KEY.eq(targetKey)))));
    }
    if (since != null) {
      where = where.and(E.AT.ge(since.toEpochMilli()));
    }
    return ctx.select(E.SEQ, E.AT, E.ACTOR, E.KIND, E.SUBJECT, E.DETAIL)
        .from(E)
        .where(where)
        .orderBy(E.SEQ.desc())
        .limit(limit)
        .fetch(r -> new EventRow(r.value1(), Instant.ofEpochMilli(r.value2()), r.value3(), r.value4(), r.value5(),
            r.value6()));
  }

  /** The event subjects (`job/<id>`) of the jobs of the targets that match. */
  private static org.jooq.Select<org.jooq.Record1<String>> jobSubjects(Condition targets) {
    return DSL.select(DSL.inline("job/").concat(JOBS.ID))
        .from(JOBS)
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(JOBS.TARGET_ID))
        .where(targets);
  }

  StoreReader.Facts facts() {
    FactQueries f = new FactQueries(ctx);
    return new StoreReader.Facts(f.activeTargets(), f.jobs(), f.approvals(), f.activeBlocks(), f.skips());
  }

  List<TargetRow> targets(String deployment, String environment) {
    Condition where = RELEASE_TARGETS.REMOVED_AT.isNull();
    if (deployment != null) {
      where = where.and(RELEASE_TARGETS.DEPLOYMENT.eq(deployment));
    }
    if (environment != null) {
      where = where.and(RELEASE_TARGETS.ENVIRONMENT.eq(environment));
    }
    var desired = VERSIONS.as("desired");
    Map<Long, String> current = currentVersions(where);
    Map<Long, TargetRow.LatestJob> latest = new HashMap<>();
    Map<Long, String> verification = new HashMap<>();
    ctx.select(JOBS.TARGET_ID, JOBS.ID, JOBS.STATUS, JOBS.KIND, VERIFICATION_RUNS.STATUS)
        .from(JOBS)
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(JOBS.TARGET_ID))
        .leftJoin(VERIFICATION_RUNS).on(VERIFICATION_RUNS.JOB_ID.eq(JOBS.ID))
        .where(where)
        .orderBy(JOBS.CREATED_AT.asc(), JOBS.ID.asc())
        .forEach(r -> {
          latest.put(r.value1(), new TargetRow.LatestJob(r.value2(), r.value3(), r.value4()));
          verification.put(r.value1(), r.value5());
        });
    return ctx.select(RELEASE_TARGETS.ID, RELEASE_TARGETS.DEPLOYMENT, RELEASE_TARGETS.ENVIRONMENT,
            RELEASE_TARGETS.RESOURCE, RESOURCES.NAME, desired.TAG, RELEASE_TARGETS.CREATED_AT)
        .from(RELEASE_TARGETS)
        .leftJoin(RESOURCES).on(RESOURCES.IDENTIFIER.eq(RELEASE_TARGETS.RESOURCE))
        .leftJoin(desired).on(desired.ID.eq(RELEASE_TARGETS.DESIRED_VERSION_ID))
        .where(where)
        .orderBy(RELEASE_TARGETS.DEPLOYMENT, RELEASE_TARGETS.ENVIRONMENT, RELEASE_TARGETS.RESOURCE)
        .fetch(r -> new TargetRow(r.value1(), new TargetKey(r.value2(), r.value3(), r.value4()), r.value5(),
            current.get(r.value1()), r.value6(), latest.get(r.value1()), verification.get(r.value1()),
            Instant.ofEpochMilli(r.value7())));
  }

  /** The version of each target's latest successful job (deploy or rollback). */
  private Map<Long, String> currentVersions(Condition targetFilter) {
    Map<Long, String> current = new HashMap<>();
    ctx.select(JOBS.TARGET_ID, VERSIONS.TAG)
        .from(JOBS)
        .join(RELEASES).on(RELEASES.ID.eq(JOBS.RELEASE_ID))
        .join(VERSIONS).on(VERSIONS.ID.eq(RELEASES.VERSION_ID))
        .join(RELEASE_TARGETS).on(RELEASE_TARGETS.ID.eq(JOBS.TARGET_ID))
        .where(targetFilter.and(JOBS.STATUS.eq("successful")))
        .orderBy(JOBS.COMPLETED_AT.asc(), JOBS.CREATED_AT.asc())
        .forEach(r -> current.put(r.value1(), r.value2()));
    return current;
  }
}
