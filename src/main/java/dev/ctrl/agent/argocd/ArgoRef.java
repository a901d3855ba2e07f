package dev.ctrl.agent.argocd;

import java.util.Optional;

/**
 * What a job's external reference says, self-contained because deployments may override the
 * project or the application per job: `<project>/<application>/<jobId>/<wait|nowait>`. Argo CD
 * names (projects and applications are Kubernetes object names) never hold a slash.
 *
 * @param waitForHealth whether the job waits for Synced and Healthy after the sync succeeded
 */
record ArgoRef(String project, String app, String jobId, boolean waitForHealth) {
  String encode() {
    return project + "/" + app + "/" + jobId + "/" + (waitForHealth ? "wait" : "nowait");
  }

  static Optional<ArgoRef> parse(String ref) {
    String[] parts = ref == null ? new String[0] : ref.split("/", -1);
    if (parts.length != 4 || parts[1].isEmpty() || parts[2].isEmpty()
        || !(parts[3].equals("wait") || parts[3].equals("nowait"))) {
      return Optional.empty();
    }
    return Optional.of(new ArgoRef(parts[0], parts[1], parts[2], parts[3].equals("wait")));
  }
}
