package dev.ctrl.agent.terraform;

import dev.ctrl.agent.AgentException;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import java.util.Map;

/**
 * The Terraform Cloud API v2 under one token (EXTERNAL-APIS.md section 3): JSON:API bodies and
 * media type, the bearer token on every call, and failures turned into messages that name the
 * agent and say what to fix. Terraform Cloud answers 404, not 403, to a token that may not see a
 * resource, so a 404 always says "not found or the token cannot see it".
 */
final class TfcApi {
  static final String JSON_API = "application/vnd.api+json";

  private final ApiClient client;
  private final String base;
  private final String token;
  private final String agent;
  private final String tokenRef;

  /**
   * @param address https://app.terraform.io or a TFE host, without /api/v2
   * @param agent the agent's name, which every message starts with
   * @param tokenRef the token's reference as written (`${env:TFC_TOKEN}`), named in messages
   */
  TfcApi(ApiClient client, String address, String token, String agent, String tokenRef) {
    this.client = client;
    this.base = ApiClient.baseUrl(address) + "/api/v2";
    this.token = token;
    this.agent = agent;
    this.tokenRef = tokenRef;
  }

  String agent() {
    return agent;
  }

  /** The API's root, https://app.terraform.io/api/v2. */
  String base() {
    return base;
  }

  ApiClient client() {
    return client;
  }

  /** A read: sent again by the client after a 5xx or a network error. */
  ApiResponse get(String path) throws AgentException {
    return send(authorized(ApiRequest.get(base + path)));
  }

  /**
   * A write with a JSON:API body. idempotent: whether sending it twice is harmless (a PATCH that
   * sets values); a create is not, so the client never sends it again on its own.
   */
  ApiResponse write(String method, String path, Map<String, Object> body, boolean idempotent) throws AgentException {
    ApiRequest r = body == null
        ? new ApiRequest(method, base + path, Map.of(), null, null, idempotent)
        : ApiRequest.json(method, base + path, JsonText.compact(body)).contentType(JSON_API).idempotent(idempotent);
    return send(authorized(r));
  }

  private ApiRequest authorized(ApiRequest r) {
    return r.header("Authorization", "Bearer " + token).header("Accept", JSON_API);
  }

  private ApiResponse send(ApiRequest r) throws AgentException {
    try {
      return client.send(r);
    } catch (ApiException e) {
      throw fromClient(e);
    }
  }

  /** An outage, a timeout or a long rate limit: retryable, as the client decided. */
  AgentException fromClient(ApiException e) {
    return new AgentException("agent " + agent + ": " + e.getMessage(), e.retryable(), e);
  }

  /**
   * The error for an unwanted answer to `what` ("reading workspace acme/web"), about `subject`
   * ("workspace web in organization acme"). 401 and 404 say what to fix; 5xx are retryable.
   */
  AgentException failure(ApiResponse r, String what, String subject) {
    String vendor = ApiClient.vendorMessage(r);
    String msg;
    if (r.code() == 401) {
      msg = "Terraform Cloud rejected the token (HTTP 401" + (vendor.isEmpty() ? "" : ": " + vendor) + ") while "
          + what + ": put a valid team or user API token in " + tokenRef
          + " (organization tokens cannot start runs)";
    } else if (r.code() == 404) {
      msg = what + ": " + subject + " was not found or the token cannot see it (Terraform Cloud answers 404 to both, "
          + "HTTP 404): check the name, and that the token in " + tokenRef + " belongs to a user or team with access";
    } else {
      msg = what + ": Terraform Cloud answered HTTP " + r.code() + (vendor.isEmpty() ? "" : ": " + vendor)
          + pointer(r);
    }
    return new AgentException("agent " + agent + ": " + client.redactor().redact(msg), r.code() >= 500);
  }

  /** Which attribute a 422 is about, when Terraform Cloud says (`source.pointer`). */
  private static String pointer(ApiResponse r) {
    Object errors = r.json().get("errors");
    if (errors instanceof java.util.List<?> l && !l.isEmpty()) {
      String p = JsonPath.string(l.get(0), "source", "pointer");
      if (p != null) {
        return " (at " + p + ")";
      }
    }
    return "";
  }

  /** The `data` object of a JSON:API answer. */
  static Map<String, Object> data(ApiResponse r) {
    Map<String, Object> data = JsonPath.object(r.json(), "data");
    return data == null ? Map.of() : data;
  }

  /** A JSON:API resource object: {"data": {"type": type, "attributes": attributes}}. */
  static Map<String, Object> document(String type, String id, Map<String, Object> attributes,
      Map<String, Object> relationships) {
    Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put("type", type);
    if (id != null) {
      data.put("id", id);
    }
    data.put("attributes", attributes);
    if (relationships != null && !relationships.isEmpty()) {
      data.put("relationships", relationships);
    }
    return Map.of("data", data);
  }

  /** A to-one relationship: {"data": {"type": type, "id": id}}. */
  static Map<String, Object> relation(String type, String id) {
    return Map.of("data", Map.of("type", type, "id", id));
  }
}
