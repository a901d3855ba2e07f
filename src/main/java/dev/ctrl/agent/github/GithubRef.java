package dev.ctrl.agent.github;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The external reference of a GitHub Actions job, self-contained because deployments may point
 * a job at another repository or workflow than the agent document names:
 *
 * <ul>
 *   <li>a known run: {@code github:run:OWNER/REPO/RUN_ID};
 *   <li>a dispatch GitHub answered with 204 (no run id: older API versions, GitHub Enterprise
 *       Server): {@code github:dispatched:OWNER/REPO/WORKFLOW/BRANCH/JOB_ID/EPOCH_MILLIS}; the run
 *       is looked up by the job id in its name when the job is polled, until a bounded wait after
 *       the dispatch instant ends it as external_run_not_found.
 * </ul>
 *
 * Every part is URL-encoded, so a branch like {@code release/1.x} keeps its slash.
 *
 * @param runId the run, or null while it is only dispatched
 */
record GithubRef(String owner, String repo, Long runId, String workflow, String branch, String jobId,
    Instant dispatchedAt) {
  private static final String RUN = "github:run:";
  private static final String DISPATCHED = "github:dispatched:";

  static GithubRef run(String owner, String repo, long runId) {
    return new GithubRef(owner, repo, runId, null, null, null, null);
  }

  static GithubRef dispatched(String owner, String repo, String workflow, String branch, String jobId, Instant at) {
    return new GithubRef(owner, repo, null, workflow, branch, jobId, at);
  }

  boolean resolved() {
    return runId != null;
  }

  String repoName() {
    return owner + "/" + repo;
  }

  String encode() {
    if (resolved()) {
      return RUN + enc(owner) + "/" + enc(repo) + "/" + runId;
    }
    return DISPATCHED + enc(owner) + "/" + enc(repo) + "/" + enc(workflow) + "/" + enc(branch) + "/" + enc(jobId) + "/"
        + dispatchedAt.toEpochMilli();
  }

  /** The reference this agent wrote; anything else is an error naming the text (it holds no secret). */
  static GithubRef parse(String text) {
    try {
      if (text.startsWith(RUN)) {
        String[] p = text.substring(RUN.length()).split("/", -1);
        if (p.length == 3) {
          return run(dec(p[0]), dec(p[1]), Long.parseLong(p[2]));
        }
      } else if (text.startsWith(DISPATCHED)) {
        String[] p = text.substring(DISPATCHED.length()).split("/", -1);
        if (p.length == 6) {
          return dispatched(dec(p[0]), dec(p[1]), dec(p[2]), dec(p[3]), dec(p[4]),
              Instant.ofEpochMilli(Long.parseLong(p[5])));
        }
      }
    } catch (RuntimeException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException("not a GitHub Actions run reference: " + text);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return encode();
  }
}
