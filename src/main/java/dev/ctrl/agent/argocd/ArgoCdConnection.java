package dev.ctrl.agent.argocd;

import dev.ctrl.agent.AgentException;
import dev.ctrl.agent.AgentSupport;
import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;
import dev.ctrl.http.Redactor;
import dev.ctrl.json.JsonPath;
import dev.ctrl.json.JsonText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One declared agent's way into Argo CD: the server, and the credentials of the agent document,
 * resolved at each call (so a rotated token is picked up and none is kept longer than needed).
 * With username and password the agent logs in (POST /api/v1/session) and keeps the session
 * token in memory only; a 401 logs in again once, because sessions expire.
 */
final class ArgoCdConnection {
  private final String agent;
  private final Map<String, Object> config;
  private final AgentSupport support;
  private final ApiClient.Settings settings;
  private volatile String session; // the JWT of the last login; written under the lock

  ArgoCdConnection(String agent, Map<String, Object> config, AgentSupport support, ApiClient.Settings settings) {
    this.agent = agent;
    this.config = config;
    this.support = support;
    this.settings = settings;
  }

  /** The credentials as resolved for one call. */
  private record Credentials(String token, String username, String password) {}

  /** The `project` of a configuration as written; unset or null (a merged layer's `project: null`): default. */
  static String project(Map<String, Object> config) {
    return String.valueOf(Objects.requireNonNullElse(config.get("project"), "default"));
  }

  /** The server URL without a trailing slash. */
  String server() throws AgentException {
    String s = support.render(String.valueOf(Objects.requireNonNullElse(config.get("server"), "")), Map.of(), "server").strip();
    if (!(s.startsWith("https://") || s.startsWith("http://"))) {
      throw new AgentException("server: \"" + s + "\" is not an http(s) URL of the Argo CD server", false);
    }
    return ApiClient.baseUrl(s);
  }

  /** A URL on the server: the path (segments already encoded) and query parameters (encoded here). */
  String url(String path, String... query) throws AgentException {
    StringBuilder b = new StringBuilder(server()).append(path);
    for (int i = 0; i + 1 < query.length; i += 2) {
      b.append(i == 0 ? '?' : '&').append(query[i]).append('=').append(encode(query[i + 1]));
    }
    return b.toString();
  }

  /** One path segment or query value, percent-encoded. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private Credentials credentials() throws AgentException {
    String token = support.secret(str("token"), "token");
    if (token != null) {
      return new Credentials(token, null, null);
    }
    String username = str("username") == null ? null : support.render(str("username"), Map.of(), "username");
    return new Credentials(null, username, support.secret(str("password"), "password"));
  }

  private String str(String key) {
    Object v = config.get(key);
    return v == null ? null : String.valueOf(v);
  }

  /**
   * Sends a request with the agent's credentials and returns any answer but a 401 (which is
   * thrown with what to fix) and those ApiClient throws (5xx and network errors after retries,
   * long rate limits: retryable).
   */
  ApiResponse send(ApiRequest request) throws AgentException {
    Credentials c = credentials();
    if (c.token() != null) {
      ApiResponse r = call(request, c, c.token());
      if (r.code() == 401) {
        throw new AgentException("agent " + agent + ": Argo CD refused the token (HTTP 401" + vendor(r) + "): set "
            + str("token") + " to a valid Argo CD API token (argocd account generate-token --account <name>)", false);
      }
      return r;
    }
    String jwt = session(c, false);
    ApiResponse r = call(request, c, jwt);
    if (r.code() == 401) {
      // the session expired or the server was restarted with a new key: one fresh login
      jwt = session(c, true);
      r = call(request, c, jwt);
      if (r.code() == 401) {
        throw new AgentException("agent " + agent + ": Argo CD refused the session of user " + c.username()
            + " right after a login (HTTP 401" + vendor(r) + "): check that the account may use the API", false);
      }
    }
    return r;
  }

  /** The cached session token, or a new one from POST /api/v1/session. */
  private synchronized String session(Credentials c, boolean renew) throws AgentException {
    if (session != null && !renew) {
      return session;
    }
    session = null;
    if (c.username() == null || c.password() == null) {
      throw new AgentException("agent " + agent + ": needs token, or username and password, to log in to Argo CD",
          false);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", c.username());
    body.put("password", c.password());
    ApiRequest login = ApiRequest.json("POST", url("/api/v1/session"), JsonText.compact(body)).idempotent(true);
    ApiResponse r = client(c, null).sendOrThrow(login);
    if (r.code() == 401 || r.code() == 403) {
      throw new AgentException("agent " + agent + ": Argo CD login of user " + c.username() + " failed (HTTP "
          + r.code() + vendor(r) + "): check username and the password in " + str("password"), false);
    }
    String jwt = JsonPath.text(r.json(), "token");
    if (!r.successful() || jwt.isEmpty()) {
      throw new AgentException("agent " + agent + ": Argo CD login of user " + c.username() + " failed (HTTP "
          + r.code() + vendor(r) + ")", r.code() >= 500);
    }
    session = jwt;
    return jwt;
  }

  private ApiResponse call(ApiRequest request, Credentials c, String bearer) throws AgentException {
    return client(c, bearer).sendOrThrow(request.header("Authorization", "Bearer " + bearer));
  }


  /**
   * A client that redacts every secret of this call (token, password and session token) from its
   * errors and from the answers it returns refused, so the messages built from them here hold none.
   */
  private Client client(Credentials c, String bearer) {
    List<String> secrets = new ArrayList<>();
    secrets.add(c.token());
    secrets.add(c.password());
    secrets.add(bearer);
    // plus every value the resolver handed out: the application template may hold a secret too
    return new Client(new ApiClient(settings, support.sleep(), support.clock(),
        new Redactor(secrets, support.secrets().resolvedValues())));
  }

  /** ApiClient with its exceptions turned into the agent's, prefixed with the agent's name. */
  private final class Client {
    private final ApiClient api;

    Client(ApiClient api) {
      this.api = api;
    }

    ApiResponse sendOrThrow(ApiRequest request) throws AgentException {
      try {
        return api.send(request);
      } catch (ApiException e) {
        throw new AgentException("agent " + agent + ": " + e.getMessage(), e.retryable());
      }
    }
  }

  /** ": <Argo CD's message>" or "". */
  static String vendor(ApiResponse r) {
    String m = ApiClient.vendorMessage(r);
    return m.isEmpty() ? "" : ": " + m;
  }

  String agent() {
    return agent;
  }
}
