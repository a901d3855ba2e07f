package dev.ctrl.verify;

import dev.ctrl.http.ApiClient;
import dev.ctrl.http.ApiException;
import dev.ctrl.http.ApiRequest;
import dev.ctrl.http.ApiResponse;

/**
 * Sends a metrics store's query and keeps an excerpt of its last answer, redacted, for
 * {@link MetricProvider#lastResponse} (`ctrl verify test`). A query that got no usable answer
 * (a network error, a rate limit that lifts too late) is a provider error.
 */
public final class AnswerExcerpt {
  private static final int MAX = 4000;

  private volatile String last;

  public ApiResponse send(ApiClient api, ApiRequest request) throws ProviderException {
    ApiResponse response;
    try {
      response = api.send(request);
    } catch (ApiException e) {
      last = excerpt(e.body()); // already redacted by the client
      throw new ProviderException(e.getMessage(), e);
    }
    last = excerpt(api.redactor().redact(response.body()));
    return response;
  }

  /** The last answer's first characters, or null before the first. */
  public String last() {
    return last;
  }

  private static String excerpt(String body) {
    if (body == null) {
      return null;
    }
    return body.length() <= MAX ? body : body.substring(0, MAX) + "... (" + body.length() + " characters)";
  }
}
