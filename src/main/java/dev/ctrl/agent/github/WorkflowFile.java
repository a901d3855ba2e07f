package dev.ctrl.agent.github;

import dev.ctrl.agent.AgentCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What `ctrl agent check` reads in the workflow file itself: a `workflow_dispatch` trigger, a
 * `job_id` input, the configured inputs declared (GitHub refuses undeclared ones with 422), no
 * required input left without a value, and a `run-name` holding the job id (how ctrl finds the
 * run after a restart, and on a GitHub that answers a dispatch without the run id).
 */
final class WorkflowFile {
  private WorkflowFile() {}

  /**
   * @param path the file's path in the repository, for messages
   * @param inputs the input names the agent sends besides job_id
   */
  static List<AgentCheck> inspect(String yaml, String path, Set<String> inputs) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (RuntimeException e) {
      return List.of(AgentCheck.failed("workflow file", path + " is not valid YAML: " + e.getMessage()));
    }
    if (!(doc instanceof Map<?, ?> workflow)) {
      return List.of(AgentCheck.failed("workflow file", path + " is not a workflow (a YAML map)"));
    }
    List<AgentCheck> out = new ArrayList<>();
    // YAML 1.1 reads the key `on` as the boolean true
    Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
    boolean dispatchable = on instanceof String s ? s.equals("workflow_dispatch")
        : on instanceof List<?> l ? l.contains("workflow_dispatch")
        : on instanceof Map<?, ?> m && m.containsKey("workflow_dispatch");
    if (!dispatchable) {
      out.add(AgentCheck.failed("workflow_dispatch", path + " has no workflow_dispatch trigger: add "
          + "`on: workflow_dispatch:` with an input job_id"));
      return out;
    }
    out.add(AgentCheck.ok("workflow_dispatch", path + " can be dispatched"));
    Map<?, ?> declared = on instanceof Map<?, ?> m && m.get("workflow_dispatch") instanceof Map<?, ?> d
        && d.get("inputs") instanceof Map<?, ?> i ? i : Map.of();
    if (declared.containsKey("job_id")) {
      out.add(AgentCheck.ok("job_id input", "workflow_dispatch declares the input job_id"));
    } else {
      out.add(AgentCheck.failed("job_id input", "workflow_dispatch does not declare the input job_id, so GitHub "
          + "refuses every dispatch: add `job_id: {description: ctrl job id, required: true}` under "
          + "on.workflow_dispatch.inputs"));
    }
    List<String> undeclared = inputs.stream().filter(k -> !declared.containsKey(k)).sorted().toList();
    List<String> missing = new ArrayList<>();
    declared.forEach((k, v) -> {
      if (v instanceof Map<?, ?> spec && Boolean.TRUE.equals(spec.get("required")) && spec.get("default") == null
          && !"job_id".equals(k) && !inputs.contains(String.valueOf(k))) {
        missing.add(String.valueOf(k));
      }
    });
    if (!undeclared.isEmpty()) {
      out.add(AgentCheck.failed("inputs", "the agent sends " + undeclared + " but the workflow does not declare "
          + (undeclared.size() == 1 ? "it" : "them") + " under on.workflow_dispatch.inputs (GitHub answers 422 "
          + "Unexpected inputs): declare them or remove them from inputs"));
    } else if (!missing.isEmpty()) {
      out.add(AgentCheck.failed("inputs", "the workflow requires " + missing + " without a default and the agent "
          + "does not send " + (missing.size() == 1 ? "it" : "them") + ": add them to inputs"));
    } else {
      out.add(AgentCheck.ok("inputs", "every input the agent sends is declared"));
    }
    Object runName = workflow.get("run-name");
    if (runName instanceof String s && s.replace(" ", "").contains("inputs.job_id")) {
      out.add(AgentCheck.ok("run-name", "runs are named with the job id (" + s + ")"));
    } else {
      out.add(AgentCheck.failed("run-name", "the run name does not hold the job id, so ctrl cannot find a run "
          + "after a restart or when GitHub answers a dispatch without its id: add "
          + "`run-name: deploy ${{ inputs.job_id }}` at the top of " + path));
    }
    return out;
  }
}
