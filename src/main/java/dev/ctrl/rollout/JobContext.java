package dev.ctrl.rollout;

import dev.ctrl.engine.EntityMaps;
import dev.ctrl.model.DeploymentSpec;
import dev.ctrl.model.EnvironmentSpec;
import dev.ctrl.model.ResourceSpec;
import dev.ctrl.model.TargetKey;
import dev.ctrl.model.Version;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The context of one job: what `{{ }}` templates and verification conditions read (deployment,
 * environment, resource, version, release, job, variables) and the CTRL_* environment variables
 * a job's command gets.
 */
public record JobContext(
    TargetKey key,
    DeploymentSpec deployment,
    EnvironmentSpec environment,
    ResourceSpec resource,
    Version version,
    String jobId,
    String kind,
    int attempt) {

  /** The variables templates and conditions see. */
  public Map<String, Object> variables() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("deployment", EntityMaps.deployment(deployment));
    vars.put("environment", EntityMaps.environment(environment));
    vars.put("resource", EntityMaps.resource(resource));
    vars.put("version", EntityMaps.version(version));
    Map<String, Object> job = new HashMap<>();
    job.put("id", jobId);
    job.put("kind", kind);
    job.put("attempt", (long) attempt);
    vars.put("job", job);
    Map<String, Object> release = new HashMap<>();
    release.put("target", key.toString());
    release.put("version", version.tag());
    vars.put("release", release);
    vars.put("variables", Map.of()); // deployment variables come with a later issue
    return vars;
  }

  /** The job's environment variables, before the agent's own `env`. */
  public Map<String, String> environmentVariables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CTRL_JOB_ID", jobId);
    env.put("CTRL_JOB_KIND", kind);
    env.put("CTRL_ATTEMPT", Integer.toString(attempt));
    env.put("CTRL_TARGET", key.toString());
    env.put("CTRL_DEPLOYMENT", deployment.name());
    env.put("CTRL_ENVIRONMENT", environment.name());
    env.put("CTRL_RESOURCE", resource.identifier());
    env.put("CTRL_RESOURCE_NAME", resource.name());
    env.put("CTRL_RESOURCE_KIND", resource.kind());
    env.put("CTRL_VERSION", version.tag());
    env.put("CTRL_VERSION_NAME", version.name() == null ? version.tag() : version.name());
    return env;
  }
}
