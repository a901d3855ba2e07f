package dev.ctrl.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How one vendor says "slow down" and for how long (EXTERNAL-APIS.md section 7). A rule returns
 * the wait before the call may be sent again, or null when the answer is not a rate limit.
 * `hits` counts the rate limits this call already met, for vendors that ask for a growing wait.
 */
@FunctionalInterface
public interface RateLimitRule {
  Duration waitFor(ApiResponse response, Instant now, int hits);

  /** Proxies and vendors without their own headers (Argo CD, Prometheus): 429, with Retry-After when sent. */
  RateLimitRule STANDARD = (r, now, hits) -> r.code() == 429 ? retryAfter(r, backoff(Duration.ofSeconds(1), hits)) : null;

  /**
   * GitHub: 403 or 429. retry-after (seconds) first; else x-ratelimit-remaining 0 means wait until
   * x-ratelimit-reset (epoch seconds); else a secondary limit: at least 60 s, growing. A 403 that
   * carries none of these is a real "forbidden", not a rate limit.
   */
  RateLimitRule GITHUB = (r, now, hits) -> {
    if (r.code() != 403 && r.code() != 429) {
      return null;
    }
    String after = r.header("retry-after");
    if (after != null) {
      return retryAfter(r, Duration.ofSeconds(60));
    }
    if ("0".equals(r.header("x-ratelimit-remaining")) && r.header("x-ratelimit-reset") != null) {
      try {
        Instant reset = Instant.ofEpochSecond(Long.parseLong(r.header("x-ratelimit-reset").trim()));
        Duration d = Duration.between(now, reset).plusSeconds(1);
        return d.isNegative() ? Duration.ofSeconds(1) : d;
      } catch (NumberFormatException e) {
        return backoff(Duration.ofSeconds(60), hits);
      }
    }
    String body = r.body() == null ? "" : r.body().toLowerCase(Locale.ROOT);
    if (r.code() == 429 || body.contains("rate limit")) {
      return backoff(Duration.ofSeconds(60), hits);
    }
    return null;
  };

  /** Terraform Cloud and Datadog: 429 with X-RateLimit-Reset, in (possibly fractional) seconds from now. */
  RateLimitRule RESET_SECONDS = (r, now, hits) -> {
    if (r.code() != 429) {
      return null;
    }
    String reset = r.header("x-ratelimit-reset");
    if (reset != null) {
      try {
        double seconds = Double.parseDouble(reset.trim());
        return Duration.ofMillis(Math.max(100, (long) Math.ceil(seconds * 1000)));
      } catch (NumberFormatException e) {
        // fall through to Retry-After or a backoff
      }
    }
    return retryAfter(r, backoff(Duration.ofSeconds(1), hits));
  };

  /** The Retry-After header in seconds, or the fallback when it is absent or not a number. */
  static Duration retryAfter(ApiResponse r, Duration fallback) {
    String after = r.header("retry-after");
    if (after != null) {
      try {
        return Duration.ofSeconds(Math.max(1, Long.parseLong(after.trim())));
      } catch (NumberFormatException e) {
        return fallback; // an HTTP date: rare from these vendors, the fallback is safe
      }
    }
    return fallback;
  }

  /** base, doubled for every earlier hit (capped at 16x). */
  static Duration backoff(Duration base, int hits) {
    return base.multipliedBy(1L << Math.min(4, Math.max(0, hits)));
  }
}
