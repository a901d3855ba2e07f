package dev.ctrl.agent.github;

import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.http.Redactor;
import dev.ctrl.http.Sleep;
import dev.ctrl.json.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The GitHub REST calls the agent makes (EXTERNAL-APIS.md section 1), for one resolved token.
 * Every call carries `Authorization: Bearer`, `Accept: application/vnd.github+json` and the API
 * version 2022-11-28: the version in which `return_run_details` exists, so a dispatch answers 200
 * with the run id where GitHub supports it and 204 elsewhere (GitHub Enterprise Server).
 */
final class GithubApi {
  static final String API_VERSION = "2022-11-28";
  /** Pages of 100 runs searched for a job id: runs are listed newest first, a job's run is recent. */
  static final int MAX_PAGES = 5;

  private final HttpUrl base;
  private final String token;
  private final ApiClient client;

  /** resolved: every secret value resolved so far (inputs may hold secrets, and 422s echo inputs). */
  GithubApi(HttpUrl base, String token, java.util.Collection<String> resolved, ApiClient.Settings settings, Sleep sleep,
      Clock clock) {
    this.base = base;
    this.token = token;
    this.client = new ApiClient(settings, sleep, clock, new Redactor(List.of(token), resolved));
  }

  ApiClient client() {
    return client;
  }

  /**
   * `POST .../actions/workflows/{wf}/dispatches`; never sent twice by the client (a dispatch is
   * not idempotent): a timeout or 5xx is thrown with maybePerformed, and the caller looks first.
   */
  ApiResponse dispatch(String owner, String repo, String workflow, String branch, Map<String, String> inputs,
      boolean runDetails) throws ApiException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", branch);
    body.put("inputs", inputs);
    if (runDetails) {
      body.put("return_run_details", true);
    }
    String url = repoUrl(owner, repo).addPathSegments("actions/workflows").addPathSegment(workflow)
        .addPathSegment("dispatches").build().toString();
    return client.send(auth(ApiRequest.json("POST", url, JsonText.compact(body))));
  }

  /** `GET .../actions/runs/{id}`. */
  ApiResponse run(String owner, String repo, long runId) throws ApiException {
    return client.send(auth(ApiRequest.get(runUrl(owner, repo, runId).build().toString())));
  }

  /** `POST .../actions/runs/{id}/cancel`: asking twice is harmless, so it may be sent again. */
  ApiResponse cancel(String owner, String repo, long runId) throws ApiException {
    String url = runUrl(owner, repo, runId).addPathSegment("cancel").build().toString();
    return client.send(auth(ApiRequest.json("POST", url, "{}").idempotent(true)));
  }

  /**
   * The run whose name (`display_title`, set by the workflow's `run-name`) holds the job id, among
   * the workflow's workflow_dispatch runs created since `since` (all of them when null), newest first.
   */
  Optional<Map<String, Object>> findRun(String owner, String repo, String workflow, String jobId, Instant since)
      throws ApiException {
    for (int page = 1; page <= MAX_PAGES; page++) {
      HttpUrl.Builder url = repoUrl(owner, repo).addPathSegments("actions/workflows").addPathSegment(workflow)
          .addPathSegment("runs").addQueryParameter("event", "workflow_dispatch")
          .addQueryParameter("per_page", "100").addQueryParameter("page", Integer.toString(page));
      if (since != null) {
        url.addQueryParameter("created", ">=" + since.truncatedTo(ChronoUnit.SECONDS));
      }
      ApiResponse r = client.sendOk(auth(ApiRequest.get(url.build().toString())),
          "listing the runs of " + workflow + " in " + owner + "/" + repo);
      List<?> runs = r.json().get("workflow_runs") instanceof List<?> l ? l : List.of();
      for (Object o : runs) {
        if (o instanceof Map<?, ?> run && run.get("display_title") instanceof String title && title.contains(jobId)) {
          @SuppressWarnings("unchecked")
          Map<String, Object> found = (Map<String, Object>) run;
          return Optional.of(found);
        }
      }
      String link = r.header("link");
      if (runs.isEmpty() || link == null || !link.contains("rel=\"next\"")) {
        break;
      }
    }
    return Optional.empty();
  }

  /** `GET /repos/{o}/{r}`. */
  ApiResponse repository(String owner, String repo) throws ApiException {
    return client.send(auth(ApiRequest.get(repoUrl(owner, repo).build().toString())));
  }

  /** `GET .../actions/workflows/{wf}`: the workflow's id, name, path and state. */
  ApiResponse workflow(String owner, String repo, String workflow) throws ApiException {
    return client.send(auth(ApiRequest.get(repoUrl(owner, repo).addPathSegments("actions/workflows")
        .addPathSegment(workflow).build().toString())));
  }

  /** `GET .../contents/{path}?ref=`: a file's content, base64 in `content`. */
  ApiResponse content(String owner, String repo, String path, String branch) throws ApiException {
    return client.send(auth(ApiRequest.get(repoUrl(owner, repo).addPathSegment("contents").addPathSegments(path)
        .addQueryParameter("ref", branch).build().toString())));
  }

  private HttpUrl.Builder repoUrl(String owner, String repo) {
    return base.newBuilder().addPathSegment("repos").addPathSegment(owner).addPathSegment(repo);
  }

  private HttpUrl.Builder runUrl(String owner, String repo, long runId) {
    return repoUrl(owner, repo).addPathSegments("actions/runs").addPathSegment(Long.toString(runId));
  }

  private ApiRequest auth(ApiRequest r) {
    return r.header("Authorization", "Bearer " + token).header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION);
  }
}
