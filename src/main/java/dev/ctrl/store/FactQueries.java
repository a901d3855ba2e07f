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
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** The facts the policy engine decides from, read in bulk (one query each, no N+1). */
final class FactQueries {
  private final DSLContext ctx;

  FactQueries(DSLContext ctx) {
    this.ctx = ctx;
  }

  List<TargetFact> activeTargets() {
    return ctx.select(RELEASE_TARGETS.ID, RELEASE_TARGETS.DEPLOYMENT, RELEASE_TARGETS.ENVIRONMENT, RELEASE_TARGETS.RESOURCE)
        .from(RELEASE_TARGETS)
        .where(RELEASE_TARGETS.REMOVED_AT.isNull())
        .fetch(r -> new TargetFact(r.value1(), new TargetKey(r.value2(), r.value3(), r.value4())));
  }

  List<JobFact> jobs() {
    return ctx.select(JOBS.ID, JOBS.TARGET_ID, RELEASES.VERSION_ID, JOBS.RELEASE_ID, JOBS.KIND, JOBS.STATUS,
            JOBS.CREATED_AT, JOBS.COMPLETED_AT, VERIFICATION_RUNS.STATUS, VERIFICATION_RUNS.COMPLETED_AT)
        .from(JOBS)
        .join(RELEASES).on(RELEASES.ID.eq(JOBS.RELEASE_ID))
        .leftJoin(VERIFICATION_RUNS).on(VERIFICATION_RUNS.JOB_ID.eq(JOBS.ID))
        .fetch(r -> new JobFact(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
            Instant.ofEpochMilli(r.value7()), instant(r.value8()), r.value9(), instant(r.value10())));
  }

  List<ApprovalFact> approvals() {
    return ctx.select(APPROVALS.VERSION_ID, APPROVALS.ENVIRONMENT, APPROVALS.APPROVER, APPROVALS.DECISION,
            APPROVALS.REASON, APPROVALS.DECIDED_AT)
        .from(APPROVALS)
        .fetch(r -> new ApprovalFact(r.value1(), r.value2(), r.value3(), "approved".equals(r.value4()), r.value5(),
            Instant.ofEpochMilli(r.value6())));
  }

  List<BlockFact> activeBlocks() {
    return ctx.select(VERSION_BLOCKS.VERSION_ID, VERSION_BLOCKS.ENVIRONMENT, VERSION_BLOCKS.REASON)
        .from(VERSION_BLOCKS)
        .where(VERSION_BLOCKS.LIFTED_AT.isNull())
        .fetch(r -> new BlockFact(r.value1(), r.value2(), r.value3()));
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
