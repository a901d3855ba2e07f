package dev.ctrl.agent.github;

import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiResponse;

/**
 * GitHub's refusals in words that say what to fix (EXTERNAL-APIS.md section 1.2): which agent,
 * what it was doing, GitHub's own message, and the remedy. None of them is worth retrying: the
 * job ends invalid_integration. Rate limits never get here: the HTTP layer waits them out or
 * reports them as retryable (a 403 with rate-limit headers or message is not "forbidden").
 */
final class GithubErrors {
  private GithubErrors() {}

  /**
   * @param agent the agent's name
   * @param doing "dispatching deploy.yml in acme/api"
   * @param repo "acme/api"
   * @param tokenRef the token reference as written (`${env:GITHUB_TOKEN}`), never its value
   */
  static AgentException refused(String agent, String doing, ApiResponse r, String repo, String tokenRef) {
    String vendor = ApiClient.vendorMessage(r);
    String said = "HTTP " + r.code() + (vendor.isEmpty() ? "" : ": " + vendor);
    String fix = remedy(r.code(), vendor, repo, tokenRef);
    return new AgentException("agent " + agent + ": " + doing + ": " + said + (fix.isEmpty() ? "" : "; " + fix),
        false);
  }

  /** What to fix for a refusal with this status and vendor message, or "" when there is nothing to say. */
  static String remedy(int status, String vendor, String repo, String tokenRef) {
    return switch (status) {
      case 401 -> "GitHub rejected the token: the value of " + tokenRef + " is wrong, expired or revoked; set it to "
          + "a token with Actions: write on " + repo + " (a classic token needs the repo scope)";
      case 403 -> "the token may not do this: give it Actions: write on " + repo
          + " (a classic token needs the repo scope)";
      case 404 -> "check owner, repo and workflow (" + repo + "), and that the token can see the repository: "
          + "GitHub answers 404 to a token without access to a private repository";
      case 410 -> "this GitHub does not support API version " + GithubApi.API_VERSION;
      case 400, 422 -> validation(vendor);
      default -> "";
    };
  }

  private static String validation(String vendor) {
    if (vendor.contains("workflow_dispatch")) {
      return "add `on: workflow_dispatch` (with a job_id input) to the workflow";
    }
    if (vendor.startsWith("No ref found")) {
      return "set ref to a branch or tag that exists in the repository";
    }
    if (vendor.contains("Unexpected inputs")) {
      return "declare job_id and every key of inputs under on.workflow_dispatch.inputs in the workflow, "
          + "or remove the extra keys from the agent's inputs";
    }
    if (vendor.toLowerCase(java.util.Locale.ROOT).contains("required")) {
      return "give every required workflow input a value under inputs";
    }
    return "";
  }
}
