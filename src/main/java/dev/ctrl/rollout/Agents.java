package dev.ctrl.rollout;

import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.exec.ExecAgent;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The job agents the loop can drive, by kind. An agent kind this build cannot run yet fails its
 * jobs as invalid_job_agent with a message that says so, rather than leaving them pending.
 */
public interface Agents {
  /** The agent that runs jobs of this kind, or null when this build has none. */
  JobAgent agent(String kind);

  /** How often to poll a job of this kind. */
  Duration pollInterval(String kind);

  /**
   * What to dispatch for a job, from the agent's merged configuration (agent < deployment <
   * version), with templates and secrets resolved now.
   */
  DispatchRequest request(String kind, Map<String, Object> merged, JobContext job) throws ExecRequests.InvalidConfig;

  /**
   * The built-in agents: exec (local processes), with its job records in jobsRoot; commands run
   * in baseDir unless their workingDir says otherwise.
   */
  static Agents builtIn(Path jobsRoot, Path baseDir, Clock clock, TemplateRenderer templates, SecretResolver secrets) {
    ExecAgent exec = new ExecAgent(jobsRoot, clock);
    return new Agents() {
      @Override
      public JobAgent agent(String kind) {
        return kind.equals("exec") ? exec : null;
      }

      @Override
      public Duration pollInterval(String kind) {
        // reading a local record costs microseconds; remote APIs get polled gently
        return kind.equals("exec") ? Duration.ofMillis(500) : Duration.ofSeconds(10);
      }

      @Override
      public DispatchRequest request(String kind, Map<String, Object> merged, JobContext job)
          throws ExecRequests.InvalidConfig {
        if (!kind.equals("exec")) {
          throw new ExecRequests.InvalidConfig(unavailable(kind));
        }
        return ExecRequests.build(merged, job, templates, secrets, baseDir);
      }
    };
  }

  /** Why a job of an agent kind this build has no implementation for ends invalid_job_agent. */
  static String unavailable(String kind) {
    return "the " + kind + " agent is not available in this build of ctrl yet";
  }

}
