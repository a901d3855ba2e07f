package dev.ctrl.rollout;

import dev.ctrl.CtrlException;
import dev.ctrl.ExitCode;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.model.JobStatus;
import dev.ctrl.store.JobRecord;
import dev.ctrl.store.Store;
import java.time.Clock;

/**
 * `ctrl job cancel`: asks the job's agent to stop it, then records it cancelled (a terminal
 * status: the loop never overwrites it). A job that already ended is reported, not changed.
 */
public final class JobCancel {
  public record Result(String jobId, String status, String message) {}

  private JobCancel() {}

  public static Result cancel(Store store, Agents agents, Clock clock, String actor, String jobId) {
    JobRecord job = store.job(jobId).orElseThrow(() -> CtrlException.usage("no job " + jobId,
        "ctrl get jobs lists them"));
    if (JobStatus.parse(job.status()).map(JobStatus::terminal).orElse(false)) {
      throw new CtrlException(ExitCode.FAILURE, "job " + jobId + " already ended " + job.status()
          + "; terminal statuses never change");
    }
    AgentDecl decl = store.object(dev.ctrl.model.ObjectType.JOB_AGENT, job.agent()).map(World::agent)
        .orElse(null); // one document, not the whole state
    JobAgent agent = decl == null ? null : agents.agent(decl);
    String message = "cancelled by " + actor;
    if (agent != null && job.externalId() != null) {
      try {
        agent.cancel(job.externalId());
      } catch (AgentException e) {
        throw new CtrlException(ExitCode.FAILURE, "could not cancel job " + jobId + " through agent " + job.agent()
            + ": " + e.getMessage() + "; nothing was recorded", "try again");
      }
    } else {
      message += " (the agent was not asked: " + (agent == null ? "agent " + job.agent() + " is not available"
          : "the job never reached it") + ")";
    }
    String m = message;
    boolean changed = store.write(actor, clock.instant(), tx -> tx.updateJob(jobId, JobStatus.CANCELLED, m,
        java.util.Map.of()));
    return changed ? new Result(jobId, "cancelled", message)
        : new Result(jobId, store.job(jobId).map(JobRecord::status).orElse("unknown"), "it ended before the cancel");
  }
}
