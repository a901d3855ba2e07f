package dev.ctrl.service;

import dev.ctrl.CtrlException;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.StoreReader;
import java.util.List;
import java.util.Optional;

/** Finds a job by its id or an unambiguous prefix of it, as people copy ids from tables. */
public final class JobLookup {
  /** Shorter prefixes would match too much in a busy state file to be worth guessing. */
  public static final int MIN_PREFIX = 4;

  private JobLookup() {}

  public static JobRecord find(StoreReader store, String idOrPrefix) {
    Optional<JobRecord> exact = store.job(idOrPrefix);
    if (exact.isPresent()) {
      return exact.get();
    }
    if (idOrPrefix.length() < MIN_PREFIX) {
      throw CtrlException.usage("no job \"" + idOrPrefix + "\"; a short id needs at least " + MIN_PREFIX
          + " characters", "list the jobs with: ctrl get jobs");
    }
    List<String> ids = store.jobIdsStartingWith(idOrPrefix, 6);
    if (ids.isEmpty()) {
      throw CtrlException.usage("no job \"" + idOrPrefix + "\"", "list the jobs with: ctrl get jobs");
    }
    if (ids.size() > 1) {
      String shown = String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + (ids.size() > 5 ? ", ..." : "");
      throw CtrlException.usage("\"" + idOrPrefix + "\" matches several jobs: " + shown, "give more of the id");
    }
    return store.job(ids.get(0)).orElseThrow();
  }
}
