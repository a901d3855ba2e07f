package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentCheck;
import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.agent.DispatchRequest;
import dev.ctrl.agent.JobAgent;
import dev.ctrl.agent.PollResult;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.RateLimitRule;
import dev.ctrl.http.Redactor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs jobs as Terraform Cloud / HCP Terraform runs (DOMAIN.md section 7). A dispatch ensures the
 * job's workspace, upserts its variables, uploads the configuration directory when there is one,
 * and creates a run whose message carries the job id; the reference is the run id. Polls read
 * `GET /runs/{id}` only (the run list is limited to 30 calls a minute); `find` lists the
 * workspace's recent runs once, after a crash, and matches the job id in their messages.
 *
 * <p>The address and token come from the agent document; everything else may be overridden per
 * deployment or version and is read from each job's merged configuration.
 */
public final class TerraformCloudAgent implements JobAgent {
  /** The text every run message starts with, followed by the job id: what `find` looks for. */
  static final String MARKER = "ctrl job ";

  private final String name;
  private final String address;
  private final String tokenRef;
  private final Map<String, Object> agentConfig;
  private final AgentSupport support;
  private final ApiClient.Settings settings;

  /**
   * @param name the declared agent's name, which messages start with
   * @param agentConfig the agent document's terraformCloud block, as written
   */
  public TerraformCloudAgent(String name, Map<String, Object> agentConfig, AgentSupport support,
      ApiClient.Settings settings) {
    this.name = name;
    this.agentConfig = new LinkedHashMap<>(agentConfig);
    this.address = agentConfig.get("address") == null ? "https://app.terraform.io"
        : String.valueOf(agentConfig.get("address"));
    this.tokenRef = agentConfig.get("token") == null ? null : String.valueOf(agentConfig.get("token"));
    this.support = support;
    this.settings = settings;
  }

  public TerraformCloudAgent(String name, Map<String, Object> agentConfig, AgentSupport support) {
    this(name, agentConfig, support, ApiClient.Settings.of("Terraform Cloud", RateLimitRule.RESET_SECONDS));
  }

  @Override
  public String dispatch(DispatchRequest request) throws AgentException {
    JobSettings job = JobSettings.of(name, request.config(), request.variables(), support);
    // checked before anything is written to the workspace
    Path configuration = job.configuration() == null ? null
        : ConfigurationUpload.directory(name, support.baseDir(), job.configuration());
    String token = token();
    TfcApi api = api(token, job.secrets());
    String deployment = request.env().getOrDefault("CTRL_DEPLOYMENT", "?");
    String workspaceId = Workspaces.ensure(api, job, deployment);
    WorkspaceVariables.upsert(api, workspaceId, job.workspace(), job.variables());
    String configurationVersion = null;
    if (configuration != null) {
      // the upload URL is a secret in itself: redacted whole and by its path (messages show host:port/path)
      configurationVersion = ConfigurationUpload.upload(api, url -> client(token, uploadSecrets(url)), support.sleep(),
          workspaceId, job.workspace(), configuration, "configuration");
    }
    return Runs.create(api, workspaceId, job, configurationVersion, message(request));
  }

  private static List<String> uploadSecrets(String url) {
    okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url);
    return parsed == null ? List.of(url) : List.of(url, parsed.encodedPath());
  }

  /** "ctrl job <id>: deploy v1.4.2 to platform-network/prod/aws-eu": the job id is what find matches. */
  static String message(DispatchRequest request) {
    Map<String, String> env = request.env();
    String what = env.containsKey("CTRL_VERSION")
        ? ": " + env.getOrDefault("CTRL_JOB_KIND", "deploy") + " " + env.get("CTRL_VERSION") + " to "
            + env.getOrDefault("CTRL_TARGET", "?")
        : "";
    return MARKER + request.jobId() + what;
  }

  @Override
  public PollResult poll(String ref) throws AgentException {
    return Runs.poll(api(token(), List.of()), ApiClient.baseUrl(address), ref);
  }

  @Override
  public void cancel(String ref) throws AgentException {
    Runs.cancel(api(token(), List.of()), ref);
  }

  /** Never used by the loop, which recovers through {@link #find(DispatchRequest)}: the workspace is per job. */
  @Override
  public Optional<String> find(String jobId) throws AgentException {
    throw new AgentException("agent " + name + ": finding the run of job " + jobId
        + " needs the job's configuration (its workspace)", false);
  }

  @Override
  public Optional<String> find(DispatchRequest request) throws AgentException {
    JobSettings job = JobSettings.of(name, request.config(), request.variables(), support);
    TfcApi api = api(token(), job.secrets());
    Optional<String> workspace = Workspaces.find(api, job.organization(), job.workspace());
    if (workspace.isEmpty()) {
      return Optional.empty(); // no workspace, no run
    }
    return Runs.findByMessage(api, workspace.get(), job.workspace(), MARKER + request.jobId());
  }

  @Override
  public List<AgentCheck> check() {
    List<AgentCheck> out = new ArrayList<>();
    String token;
    try {
      token = token();
    } catch (AgentException e) {
      out.add(AgentCheck.failed("token", e.getMessage()));
      return out;
    }
    out.addAll(new TfcChecks(api(token, List.of()), agentConfig, support).run());
    return out;
  }

  /** The token, resolved now (at each call: a rotated secret is picked up). */
  private String token() throws AgentException {
    String token;
    try {
      token = support.secret(tokenRef, "token");
    } catch (AgentException e) {
      throw new AgentException("agent " + name + ": " + e.getMessage(), false);
    }
    if (token == null || token.isBlank()) {
      throw new AgentException("agent " + name + ": token is not set: give a ${env:NAME} reference to a team or "
          + "user API token", false);
    }
    return token;
  }

  /** The API under the token, its messages redacting the token and every other secret of the call. */
  private TfcApi api(String token, List<String> secrets) {
    return new TfcApi(client(token, secrets), address, token, name, tokenRef);
  }

  private ApiClient client(String token, List<String> secrets) {
    List<String> all = new ArrayList<>(secrets);
    all.add(token);
    // plus every value resolved so far: a variable written as ${env:...} without sensitive: true
    return new ApiClient(settings, support.sleep(), support.clock(), new Redactor(all, support.secrets().resolvedValues()));
  }
}
