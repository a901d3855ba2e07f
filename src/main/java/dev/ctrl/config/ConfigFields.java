package dev.ctrl.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields each object of the YAML accepts, named like the `$defs` of `ctrl.schema.json`. The
 * binders reject anything else, and a test keeps the JSON Schema in step with this list.
 */
public final class ConfigFields {
  public static final List<String> SYSTEM = List.of("type", "name", "description", "metadata");
  public static final List<String> ENVIRONMENT =
      List.of("type", "name", "description", "systems", "resourceSelector", "metadata");
  public static final List<String> DEPLOYMENT =
      List.of("type", "name", "description", "systems", "resourceSelector", "agent", "agentConfig", "metadata");
  public static final List<String> RESOURCE =
      List.of("type", "identifier", "name", "kind", "version", "metadata", "config");
  public static final List<String> JOB_AGENT = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("type", "name", "description"), dev.ctrl.model.agents.AgentConfig.KINDS.stream()).toList();
  public static final List<String> EXEC_AGENT = List.of("command", "env", "workingDir", "timeout");
  public static final List<String> GITHUB_AGENT = List.of("owner", "repo", "workflow", "ref", "inputs", "token", "apiUrl", "pollInterval");
  public static final List<String> ARGOCD_AGENT =
      List.of("server", "token", "username", "password", "project", "application", "wait", "pollInterval");
  public static final List<String> TERRAFORM_CLOUD_AGENT = List.of("address", "organization", "workspace", "token",
      "variables", "autoApply", "createWorkspace", "vcsRepo", "configuration", "pollInterval");
  public static final List<String> TERRAFORM_VARIABLE = List.of("value", "category", "sensitive", "hcl", "description");
  public static final List<String> VCS_REPO = List.of("identifier", "branch", "oauthTokenId");
  public static final List<String> POLICY =
      List.of("type", "name", "description", "selector", "priority", "enabled", "rules");
  public static final List<String> RULE = List.of("approval", "environmentProgression", "gradualRollout",
      "deploymentWindow", "versionCooldown", "versionSelector", "deploymentDependency", "retry", "verification");
  public static final List<String> APPROVAL_RULE = List.of("minApprovals", "approvers");
  public static final List<String> ENVIRONMENT_PROGRESSION_RULE = List.of("dependsOn", "minimumSuccessPercentage",
      "minimumSoakTime", "maximumAge", "requireVerification");
  public static final List<String> GRADUAL_ROLLOUT_RULE =
      List.of("interval", "type", "order", "maxConcurrent", "waitForVerification");
  public static final List<String> DEPLOYMENT_WINDOW_RULE = List.of("rrule", "duration", "timezone", "allow");
  public static final List<String> VERSION_COOLDOWN_RULE = List.of("duration");
  public static final List<String> VERSION_SELECTOR_RULE = List.of("selector", "description");
  public static final List<String> DEPLOYMENT_DEPENDENCY_RULE = List.of("deployment", "versionSelector");
  public static final List<String> RETRY_RULE = List.of("maxRetries", "backoff", "strategy", "maxBackoff", "onStatuses");
  public static final List<String> VERIFICATION_RULE = List.of("metrics", "triggerOn", "onFailure");
  public static final List<String> METRIC = List.of("name", "prometheus", "datadog", "http", "exec", "sleep", "interval",
      "count", "successCondition", "failureCondition", "successThreshold", "failureThreshold",
      "consecutiveErrorLimit", "onNoData", "minSamples");
  public static final List<String> METRIC_PROVIDERS = List.of("prometheus", "datadog", "http", "exec", "sleep");
  public static final List<String> PROMETHEUS_PROVIDER =
      List.of("address", "query", "range", "timeout", "headers", "bearerToken", "basicAuth");
  public static final List<String> PROMETHEUS_RANGE = List.of("window", "step");
  public static final List<String> BASIC_AUTH = List.of("username", "password");
  public static final List<String> DATADOG_PROVIDER = List.of("site", "query", "window", "apiKey", "appKey", "aggregator");
  public static final List<String> HTTP_PROVIDER = List.of("url", "method", "headers", "body", "timeout", "expectedStatus");
  public static final List<String> EXEC_PROVIDER = List.of("command", "timeout");
  public static final List<String> SLEEP_PROVIDER = List.of("duration");

  /** By `$defs` name of the JSON Schema. */
  public static final Map<String, List<String>> BY_DEFINITION = byDefinition();

  private ConfigFields() {}

  private static Map<String, List<String>> byDefinition() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("System", SYSTEM);
    m.put("Environment", ENVIRONMENT);
    m.put("Deployment", DEPLOYMENT);
    m.put("Resource", RESOURCE);
    m.put("JobAgent", JOB_AGENT);
    m.put("ExecAgent", EXEC_AGENT);
    m.put("GithubAgent", GITHUB_AGENT);
    m.put("ArgoCdAgent", ARGOCD_AGENT);
    m.put("TerraformCloudAgent", TERRAFORM_CLOUD_AGENT);
    m.put("TerraformVariable", TERRAFORM_VARIABLE);
    m.put("VcsRepo", VCS_REPO);
    m.put("Policy", POLICY);
    m.put("ApprovalRule", APPROVAL_RULE);
    m.put("EnvironmentProgressionRule", ENVIRONMENT_PROGRESSION_RULE);
    m.put("GradualRolloutRule", GRADUAL_ROLLOUT_RULE);
    m.put("DeploymentWindowRule", DEPLOYMENT_WINDOW_RULE);
    m.put("VersionCooldownRule", VERSION_COOLDOWN_RULE);
    m.put("VersionSelectorRule", VERSION_SELECTOR_RULE);
    m.put("DeploymentDependencyRule", DEPLOYMENT_DEPENDENCY_RULE);
    m.put("RetryRule", RETRY_RULE);
    m.put("VerificationRule", VERIFICATION_RULE);
    m.put("Metric", METRIC);
    m.put("PrometheusProvider", PROMETHEUS_PROVIDER);
    m.put("PrometheusRange", PROMETHEUS_RANGE);
    m.put("BasicAuth", BASIC_AUTH);
    m.put("DatadogProvider", DATADOG_PROVIDER);
    m.put("HttpProvider", HTTP_PROVIDER);
    m.put("ExecProvider", EXEC_PROVIDER);
    m.put("SleepProvider", SLEEP_PROVIDER);
    return m;
  }
}
