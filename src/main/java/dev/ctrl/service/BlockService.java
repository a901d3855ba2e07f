package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.model.Version;
import dev.ctrl.store.Store;
import dev.ctrl.store.TargetRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Blocks and unblocks of versions by a person (DOMAIN.md section 8): `ctrl rollback` blocks what
 * an environment runs so the loop rolls it back; `ctrl version unblock` lifts a block.
 */
public final class BlockService {
  private final Store store;
  private final Instant now;

  public BlockService(Store store, Instant now) {
    this.store = store;
    this.now = now;
  }

  /**
   * Blocks, in one transaction, the version the environment runs (the newest one any of its
   * targets runs), or with `to` every version newer than `to` that had a job there, so the engine
   * rolls the targets back to their last good release (to `to`). Returns the blocked tags.
   */
  public List<String> rollback(String actor, String deployment, String environment, String to, String reason) {
    return store.write(actor, now, tx -> {
      VersionService.requireDeployment(tx, deployment);
      ApprovalService.requireEnvironment(tx, environment);
      List<Version> versions = tx.versions(deployment); // newest first
      Set<String> running = new HashSet<>();
      for (TargetRow t : tx.targets(deployment, environment)) {
        if (t.currentVersion() != null) {
          running.add(t.currentVersion());
        }
      }
      if (running.isEmpty()) {
        throw new CtrlException(ExitCode.FAILURE, "no target of " + deployment + " in " + environment
            + " runs a version yet; there is nothing to roll back");
      }
      List<Version> toBlock = new ArrayList<>();
      if (to == null) {
        versions.stream().filter(v -> running.contains(v.tag())).findFirst().ifPresent(toBlock::add);
      } else {
        Version target = ApprovalService.version(tx, deployment, to);
        Set<Long> hadJobs = versionsWithJobs(tx.facts(), deployment, environment);
        for (Version v : versions) {
          if (v.id() == target.id()) {
            break;
          }
          if (hadJobs.contains(v.id())) {
            toBlock.add(v);
          }
        }
        if (toBlock.isEmpty()) {
          throw new CtrlException(ExitCode.FAILURE, "no version newer than " + to + " has run in " + environment
              + "; there is nothing to roll back");
        }
      }
      String why = "rolled back by " + actor + (reason == null || reason.isBlank() ? "" : ": " + reason);
      List<String> blocked = new ArrayList<>();
      for (Version v : toBlock) {
        tx.blockVersion(v, environment, why, false);
        blocked.add(v.tag());
      }
      return blocked;
    });
  }

  private static Set<Long> versionsWithJobs(dev.ctrl.store.StoreReader.Facts facts, String deployment,
      String environment) {
    Set<Long> targets = new HashSet<>();
    for (TargetFact t : facts.targets()) {
      if (t.key().deployment().equals(deployment) && t.key().environment().equals(environment)) {
        targets.add(t.id());
      }
    }
    Set<Long> out = new HashSet<>();
    for (JobFact j : facts.jobs()) {
      if (targets.contains(j.targetId())) {
        out.add(j.versionId());
      }
    }
    return out;
  }

  /** Lifts the blocks of a version in an environment; returns how many were active. */
  public int unblock(String actor, String deployment, String tag, String environment) {
    return store.write(actor, now, tx -> {
      Version v = ApprovalService.version(tx, deployment, tag);
      ApprovalService.requireEnvironment(tx, environment);
      return tx.unblockVersion(v, environment);
    });
  }
}
