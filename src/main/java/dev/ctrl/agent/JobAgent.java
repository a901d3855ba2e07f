package dev.ctrl.agent;

import java.util.Optional;

/**
 * Runs jobs in an external system (a local process, GitHub Actions, Argo CD, Terraform Cloud).
 *
 * <p>Contract, so that a crash never dispatches a job twice: the caller commits the job row
 * (marked dispatching) before {@link #dispatch}, and the returned reference right after. A job
 * found dispatching without a reference is recovered with {@link #find}, never dispatched again.
 * Every dispatch carries the job id to the external system so that {@code find} can work.
 *
 * <ul>
 *   <li>{@code dispatch} is not idempotent: call it once per job.
 *   <li>{@code poll}, {@code find} and {@code cancel} are idempotent and may be retried.
 *   <li>A poll that returns a terminal status is final for that job.
 *   <li>Implementations are thread-safe: the rollout loop polls several jobs at once.
 * </ul>
 */
public interface JobAgent {
  /** Starts the job and returns the external reference to poll it by. */
  String dispatch(DispatchRequest request) throws AgentException;

  /**
   * Starts several jobs; the outcomes come back in the order of the requests. Agents that can
   * start a batch more cheaply than one by one (the exec agent: one process for the batch)
   * override it; the same rules apply as for {@link #dispatch}.
   */
  default java.util.List<Dispatched> dispatchAll(java.util.List<DispatchRequest> requests) {
    java.util.List<Dispatched> out = new java.util.ArrayList<>(requests.size());
    for (DispatchRequest r : requests) {
      try {
        out.add(new Dispatched(dispatch(r), null));
      } catch (AgentException e) {
        out.add(new Dispatched(null, e));
      }
    }
    return out;
  }

  /** The job's current status, with a message and links when the system gives them. */
  PollResult poll(String externalRef) throws AgentException;

  /** Asks the external system to stop the job; a job already ended is left as it is. */
  void cancel(String externalRef) throws AgentException;

  /** The reference of the run a dispatch created for this job id, if the system has one. */
  Optional<String> find(String jobId) throws AgentException;

  /**
   * The same, for agents that need the job's configuration to know where to look (Terraform
   * Cloud lists the runs of the job's workspace, whose name is a template): the loop recovers a
   * job through this call with the request it would dispatch. By default, by job id alone.
   */
  default Optional<String> find(DispatchRequest request) throws AgentException {
    return find(request.jobId());
  }

  /**
   * `ctrl agent check`: checks credentials and configuration against the real system without
   * running anything, and says in each finding what to fix. Never throws: a failure is a finding.
   */
  default java.util.List<AgentCheck> check() {
    return java.util.List.of(AgentCheck.ok("configuration", "this agent has nothing to check beyond its configuration"));
  }
}
