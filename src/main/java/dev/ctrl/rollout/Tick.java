package dev.ctrl.rollout;

import dev.ctrl.engine.Action;
import dev.ctrl.engine.Decision;
import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.TargetFact;
import dev.ctrl.store.JobRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every target in scope stands after a tick: its phase for the live view, and what the
 * loop needs to know to go on, stop, or pick its exit code (DOMAIN.md section 9).
 */
record Tick(List<TargetProgress> rows, int activeCount, boolean converged, boolean waitsOnPerson,
    boolean waitsOnSomething, Instant nextEvaluation, String waitingSummary) {

  boolean active() {
    return activeCount > 0;
  }

  long count(String phase) {
    return rows.stream().filter(r -> r.phase().equals(phase)).count();
  }

  static Tick of(World w, List<Decision> decisions, List<JobRecord> started, Map<String, String> verifying,
      Instant now, Instant deadline, boolean watch) {
    Map<String, JobRecord> startedByTarget = new HashMap<>();
    started.forEach(j -> startedByTarget.put(j.targetKey(), j));
    List<TargetProgress> rows = new ArrayList<>();
    int active = 0;
    boolean converged = true;
    boolean person = false;
    boolean waits = false;
    Instant next = null;
    List<String> why = new ArrayList<>();
    for (Decision d : decisions) {
      TargetFact t = w.target(d.key().toString());
      List<JobFact> jobs = w.index.jobs(t.id());
      JobFact last = jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
      JobRecord now0 = startedByTarget.get(d.key().toString());
      String phase;
      String detail;
      boolean isActive = true;
      RuleResult obstacle = d.firstObstacle();
      if (now0 != null) {
        phase = now0.kind().equals("rollback") ? "rolling-back" : "deploying";
        detail = "job " + shortId(now0.id()) + " started";
      } else if (last != null && last.inFlight()) {
        phase = last.kind().equals("rollback") ? "rolling-back" : "deploying";
        detail = "job " + shortId(last.id()) + " " + last.status();
        if (last.status().equals("action_required")) {
          // the external system waits for a person (a plan to confirm): the run ends waiting (exit 3)
          // instead of polling until the deadline; the next rollout polls the job again
          isActive = false;
          person = true;
          waits = true;
          why.add(d.key() + ": job " + shortId(last.id()) + " waits for a person in its agent's system");
        }
      } else if (last != null && last.successful() && "running".equals(last.verification())) {
        phase = "verifying";
        detail = verifying.getOrDefault(last.id(), "measuring");
      } else {
        isActive = false;
        switch (d.action()) {
          case WAIT -> {
            phase = "waiting";
            detail = obstacle == null ? "" : obstacle.reason();
            Instant at = d.nextEvaluation();
            if (at != null && (watch || !at.isAfter(deadline))) {
              isActive = true;
              next = next == null || at.isBefore(next) ? at : next;
            } else {
              waits = true;
              if (at != null) {
                person = true; // beyond the deadline: as good as waiting on a person for this run
              }
              why.add(d.key() + ": " + detail);
            }
          }
          case BLOCKED -> {
            phase = last != null && !last.successful() && !last.inFlight() ? "failed" : "blocked";
            detail = obstacle == null ? "" : obstacle.reason();
            person = true;
            waits = true;
            why.add(d.key() + ": " + detail);
          }
          case DEPLOY, ROLLBACK -> {
            phase = "starting";
            detail = "";
            isActive = true;
          }
          default -> {
            if (last != null && last.kind().equals("rollback") && last.successful()) {
              phase = "rolled-back";
              detail = "back on " + d.currentVersion();
            } else if (last != null && !last.successful() && !last.inFlight()) {
              phase = "failed";
              detail = "job " + shortId(last.id()) + " " + last.status() + "; stays on "
                  + (d.currentVersion() == null ? "nothing" : d.currentVersion());
            } else {
              phase = "done";
              detail = "";
            }
          }
        }
      }
      if (isActive) {
        active++;
      }
      if (isActive || d.action() != Action.NONE) {
        converged = false;
      }
      rows.add(new TargetProgress(d.key().toString(), d.currentVersion(), d.desiredVersion(), phase, detail));
    }
    String summary = why.isEmpty() ? "" : why.size() == 1 ? why.get(0)
        : why.get(0) + " (and " + (why.size() - 1) + " more; ctrl plan shows them)";
    return new Tick(rows, active, converged, person, waits, next, summary);
  }

  static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
