package dev.ctrl.rollout;

import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.exec.ExecAgent;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.http.Sleep;
import dev.ctrl.model.Durations;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job agents the loop can drive. An agent kind this build cannot run fails its jobs as
 * invalid_job_agent with a message that says so, rather than leaving them pending.
 */
public interface Agents {
  /** The agent that runs the jobs of this declared agent, or null when this build has none of its kind. */
  JobAgent agent(AgentDecl decl);

  /** How often to poll a job of this agent: its `pollInterval`, else the kind's default. */
  Duration pollInterval(AgentDecl decl);

  /**
   * What to dispatch for a job, from the agent's merged configuration (agent < deployment <
   * version). For exec, templates and secrets are resolved now; remote agents get the merged
   * configuration as written and resolve the fields they read at the moment they call their API.
   */
  DispatchRequest request(AgentDecl decl, Map<String, Object> merged, JobContext job) throws ExecRequests.InvalidConfig;

  /**
   * Resolves the secrets a job's merged configuration refers to, only so that the redactors know
   * them: a job dispatched by an earlier process is polled before this one resolved anything.
   */
  default void learnSecrets(Map<String, Object> merged) {}

  /**
   * The built-in agents: exec (local processes), with its job records in jobsRoot; commands run
   * in baseDir unless their workingDir says otherwise. Remote agents are built once per declared
   * agent (and again when its configuration changes), so their connections and logins are shared.
   */
  static Agents builtIn(Path jobsRoot, Path baseDir, Clock clock, TemplateRenderer templates, SecretResolver secrets) {
    ExecAgent exec = new ExecAgent(jobsRoot, clock, new dev.ctrl.http.Redactor(secrets.resolvedValues())::redact);
    AgentSupport support = new AgentSupport(templates, secrets, clock, Sleep.REAL, baseDir);
    Map<AgentDecl, JobAgent> remote = new ConcurrentHashMap<>();
    return new Agents() {
      @Override
      public JobAgent agent(AgentDecl decl) {
        if (decl.kind().equals("exec")) {
          return exec;
        }
        return remote.computeIfAbsent(decl, d -> {
          // its token and other secrets, known to the redactors before the first poll of a job
          // that an earlier process dispatched
          secrets.learn(d.config());
          return RemoteAgents.create(d, support);
        });
      }

      @Override
      public void learnSecrets(Map<String, Object> merged) {
        secrets.learn(merged);
      }

      @Override
      public Duration pollInterval(AgentDecl decl) {
        Object configured = decl.config().get("pollInterval");
        Duration d = configured == null ? null : Durations.parse(String.valueOf(configured));
        if (d != null && !d.isZero()) {
          return d;
        }
        // reading a local record costs microseconds; remote APIs get polled gently
        return switch (decl.kind()) {
          case "exec" -> Duration.ofMillis(500);
          case "argocd" -> Duration.ofSeconds(5);
          default -> Duration.ofSeconds(10);
        };
      }

      @Override
      public DispatchRequest request(AgentDecl decl, Map<String, Object> merged, JobContext job)
          throws ExecRequests.InvalidConfig {
        if (decl.kind().equals("exec")) {
          return ExecRequests.build(merged, job, templates, secrets, baseDir);
        }
        if (agent(decl) == null) {
          throw new ExecRequests.InvalidConfig(unavailable(decl.kind()));
        }
        return new DispatchRequest(job.jobId(), java.util.List.of(), job.environmentVariables(), null, 0, merged,
            job.variables());
      }
    };
  }

  /** Why a job of an agent kind this build has no implementation for ends invalid_job_agent. */
  static String unavailable(String kind) {
    return "the " + kind + " agent is not available in this build of ctrl yet";
  }
}
