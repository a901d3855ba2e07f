package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.model.JobStatus;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import java.time.Instant;
import java.util.Map;

/** Status reports from agents that call back (`ctrl job update`), recorded like the loop's polls. */
public final class JobUpdateService {
  private final Store store;
  private final String actor;
  private final Instant now;

  public JobUpdateService(Store store, String actor, Instant now) {
    this.store = store;
    this.actor = actor;
    this.now = now;
  }

  /** Records the status; a job that already ended keeps its status and this fails (exit 1). */
  public JobRecord update(String idOrPrefix, JobStatus status, String message, Map<String, String> links) {
    return store.write(actor, now, tx -> {
      JobRecord job = JobLookup.find(tx, idOrPrefix);
      if (!tx.updateJob(job.id(), status, message, links)) {
        throw new CtrlException(ExitCode.FAILURE, "job " + job.id() + " already ended " + job.status()
            + "; terminal statuses never change");
      }
      return tx.job(job.id()).orElseThrow();
    });
  }
}
