package dev.ctrl.rollout;

import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.expr.ExprException;
import dev.ctrl.expr.SecretResolver;
import dev.ctrl.expr.TemplateRenderer;
import dev.ctrl.model.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the merged configuration of an exec agent into what to run: `{{ }}` placeholders
 * rendered over the job context, `${env:}`/`${file:}` references resolved at this moment only
 * (the result lives in memory for the dispatch and is never stored or printed).
 */
final class ExecRequests {
  /** The configuration cannot be turned into a command: the job ends invalid_job_agent with this message. */
  static final class InvalidConfig extends Exception {
    InvalidConfig(String message) {
      super(message);
    }
  }

  private ExecRequests() {}

  static DispatchRequest build(Map<String, Object> merged, JobContext job, TemplateRenderer templates,
      SecretResolver secrets, java.nio.file.Path baseDir) throws InvalidConfig {
    Map<String, Object> vars = job.variables();
    List<String> command = new ArrayList<>();
    if (!(merged.get("command") instanceof List<?> args) || args.isEmpty()) {
      throw new InvalidConfig("the exec agent has no command (a non-empty list)");
    }
    for (int i = 0; i < args.size(); i++) {
      command.add(resolve(String.valueOf(args.get(i)), "command[" + i + "]", vars, templates, secrets));
    }
    Map<String, String> env = new LinkedHashMap<>(job.environmentVariables());
    if (merged.get("env") instanceof Map<?, ?> extra) {
      for (Map.Entry<?, ?> e : extra.entrySet()) {
        env.put(String.valueOf(e.getKey()), resolve(String.valueOf(e.getValue()), "env." + e.getKey(), vars, templates,
            secrets));
      }
    }
    // relative to the project: the directory that holds .ctrl/ (or the state file's own directory)
    String workingDir = merged.get("workingDir") == null ? baseDir.toString()
        : baseDir.resolve(resolve(String.valueOf(merged.get("workingDir")), "workingDir", vars, templates, secrets))
            .toString();
    Duration timeout = Duration.ofMinutes(10);
    if (merged.get("timeout") != null) {
      timeout = Durations.parse(String.valueOf(merged.get("timeout")));
      if (timeout == null) {
        throw new InvalidConfig("timeout: \"" + merged.get("timeout") + "\" is not a duration (" + Durations.HINT + ")");
      }
    }
    return new DispatchRequest(job.jobId(), command, env, workingDir, Math.max(1, timeout.toSeconds()));
  }

  private static String resolve(String text, String field, Map<String, Object> vars, TemplateRenderer templates,
      SecretResolver secrets) throws InvalidConfig {
    try {
      return secrets.resolve(text, part -> templates.render(part, vars));
    } catch (ExprException e) {
      throw new InvalidConfig(field + ": " + e.getMessage());
    } catch (SecretResolver.MissingSecret e) {
      throw new InvalidConfig(field + ": " + e.getMessage());
    }
  }
}
