package dev.ctrl.rollout;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.model.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An in-memory job agent on a fake clock: a job runs for `runFor`, then ends with the status
 * `outcome` picks from its request. It remembers every dispatch, so tests can count them.
 */
final class FakeAgent implements JobAgent {
  record Run(DispatchRequest request, Instant startedAt) {}

  final List<String> dispatched = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final Clock clock;
  Duration runFor = Duration.ofSeconds(30);
  Function<DispatchRequest, JobStatus> outcome = r -> JobStatus.SUCCESSFUL;
  /** How many of the next polls fail with a retryable error (an outage). */
  volatile int outagePolls;

  FakeAgent(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String dispatch(DispatchRequest request) {
    dispatched.add(request.jobId());
    runs.put(request.jobId(), new Run(request, clock.instant()));
    return "run-" + request.jobId();
  }

  @Override
  public PollResult poll(String ref) throws AgentException {
    if (outagePolls > 0) {
      outagePolls--;
      throw new AgentException("503 Service Unavailable", true);
    }
    Run run = runs.get(ref.substring("run-".length()));
    if (run == null) {
      return PollResult.of(JobStatus.EXTERNAL_RUN_NOT_FOUND, "no such run");
    }
    if (clock.instant().isBefore(run.startedAt().plus(runFor))) {
      return PollResult.of(JobStatus.IN_PROGRESS, "running");
    }
    JobStatus status = outcome.apply(run.request());
    return new PollResult(status, status.wire(), Map.of("run", "https://ci.example/" + ref));
  }

  @Override
  public void cancel(String ref) {}

  @Override
  public Optional<String> find(String jobId) {
    return runs.containsKey(jobId) ? Optional.of("run-" + jobId) : Optional.empty();
  }

  /** The merged configurations the loop handed to Agents.learnSecrets. */
  final List<Map<String, Object>> learned = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The agents of a loop: this fake for every kind, the request built from the job context only. */
  Agents agents() {
    FakeAgent self = this;
    return new Agents() {
      @Override
      public void learnSecrets(Map<String, Object> merged) {
        learned.add(merged);
      }

      @Override
      public JobAgent agent(AgentDecl decl) {
        return self;
      }

      @Override
      public Duration pollInterval(AgentDecl decl) {
        return Duration.ofSeconds(10);
      }

      @Override
      public DispatchRequest request(AgentDecl decl, Map<String, Object> merged, JobContext job) {
        return new DispatchRequest(job.jobId(), List.of("deploy"), job.environmentVariables(), null, 60);
      }
    };
  }
}
