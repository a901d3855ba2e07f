package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.http.Sleep;
import dev.ctrl.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Uploads a configuration directory as a new configuration version of a workspace, for one run
 * (EXTERNAL-APIS.md 3.5): create it with auto-queue-runs off (the run is ctrl's to start, with
 * the job id in its message), PUT the .tar.gz to its upload URL (no bearer token: the URL is the
 * secret, so it is redacted from every message), then wait until Terraform Cloud has processed
 * it: only an `uploaded` version can back a run.
 */
final class ConfigurationUpload {
  /** The first wait for processing (usually a second or two), doubled up to MAX_WAIT; at most WAIT_BOUND in all. */
  static final Duration FIRST_WAIT = Duration.ofMillis(250);
  static final Duration MAX_WAIT = Duration.ofSeconds(2);
  static final Duration WAIT_BOUND = Duration.ofSeconds(60);

  private ConfigurationUpload() {}

  /**
   * The configuration directory, under the project directory. A deployment's or a version's
   * agentConfig may set it, and whoever creates a version must not be able to upload any directory
   * of the machine ctrl runs on (`/home/ci/.aws`, `../../secrets`) to a workspace they can read.
   */
  static Path directory(String agent, Path projectDir, String configured) throws AgentException {
    Path base = projectDir.toAbsolutePath().normalize();
    Path dir = base.resolve(configured).normalize();
    // where it really is: a symbolic link under the project (`keys -> /home/ci/.aws`) is as far
    // outside as the path it leads to
    if (!dir.startsWith(base) || !real(dir).startsWith(real(base))) {
      throw new AgentException("agent " + agent + ": configuration: " + configured + " is outside the project"
          + " directory " + base + " (symbolic links followed): give a directory under it (e.g. terraform)", false);
    }
    return dir;
  }

  /** The path with every symbolic link resolved; as given when it does not exist (the upload says so). */
  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  /**
   * @param uploadClient a client whose messages redact the given upload URL
   * @return the configuration version's id, uploaded
   */
  static String upload(TfcApi api, Function<String, ApiClient> uploadClient, Sleep sleep, String workspaceId,
      String workspaceName, Path dir, String field) throws AgentException {
    if (!Files.isDirectory(dir)) {
      throw new AgentException("agent " + api.agent() + ": " + field + ": " + dir
          + " is not a directory (relative paths start in the project directory, the one holding .ctrl/)", false);
    }
    byte[] archive;
    try {
      List<String> files = TarGz.files(dir);
      if (files.isEmpty()) {
        throw new AgentException("agent " + api.agent() + ": " + field + ": " + dir + " holds no files to upload",
            false);
      }
      archive = TarGz.of(dir, files);
    } catch (IOException e) {
      throw new AgentException("agent " + api.agent() + ": " + field + ": cannot pack " + dir + ": " + e.getMessage(),
          false);
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("auto-queue-runs", false);
    attributes.put("speculative", false);
    ApiResponse created = api.write("POST", "/workspaces/" + workspaceId + "/configuration-versions",
        TfcApi.document("configuration-versions", null, attributes, null), false);
    if (!created.successful()) {
      throw api.failure(created, "creating a configuration version in workspace " + workspaceName,
          "workspace " + workspaceName);
    }
    String id = JsonPath.string(TfcApi.data(created), "id");
    String url = JsonPath.string(TfcApi.data(created), "attributes", "upload-url");
    if (id == null || url == null) {
      throw new AgentException("agent " + api.agent() + ": Terraform Cloud created a configuration version without "
          + "an id or upload-url", true);
    }
    ApiClient upload = uploadClient.apply(url);
    try {
      // the same bytes to the same URL: safe to send again after an outage
      ApiRequest put = new ApiRequest("PUT", url, Map.of(), archive, "application/octet-stream", true);
      ApiResponse r = upload.send(put);
      if (!r.successful()) {
        throw new AgentException(upload.redactor().redact("agent " + api.agent() + ": uploading " + dir
            + " to configuration version " + id + ": HTTP " + r.code() + " " + ApiClient.vendorMessage(r)).strip(),
            r.code() >= 500);
      }
    } catch (ApiException e) {
      throw new AgentException("agent " + api.agent() + ": " + upload.redactor().redact(e.getMessage()), true, e);
    }
    return awaitProcessed(api, sleep, id, dir);
  }

  private static String awaitProcessed(TfcApi api, Sleep sleep, String id, Path dir) throws AgentException {
    Duration waited = Duration.ZERO;
    Duration wait = FIRST_WAIT;
    while (true) {
      ApiResponse r = api.get("/configuration-versions/" + id);
      if (!r.successful()) {
        throw api.failure(r, "reading configuration version " + id, "configuration version " + id);
      }
      String status = JsonPath.string(TfcApi.data(r), "attributes", "status");
      if ("uploaded".equals(status)) {
        return id;
      }
      if ("errored".equals(status)) {
        String why = JsonPath.string(TfcApi.data(r), "attributes", "error-message");
        throw new AgentException("agent " + api.agent() + ": Terraform Cloud could not process the configuration "
            + "uploaded from " + dir + (why == null ? "" : ": " + why), false);
      }
      if (waited.compareTo(WAIT_BOUND) >= 0) {
        // no run exists yet, so dispatching again later is safe
        throw new AgentException("agent " + api.agent() + ": configuration version " + id + " was still " + status
            + " after " + WAIT_BOUND.toSeconds() + " s; the job is dispatched again later", true);
      }
      try {
        sleep.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgentException("agent " + api.agent() + ": interrupted while waiting for the upload", true);
      }
      waited = waited.plus(wait);
      wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
    }
  }
}
