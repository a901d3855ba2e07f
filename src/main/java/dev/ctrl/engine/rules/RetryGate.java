package dev.ctrl.engine.rules;

import dev.ctrl.engine.JobFact;
import dev.ctrl.engine.RuleResult;
import dev.ctrl.engine.Times;
import dev.ctrl.model.Version;
import dev.ctrl.model.rules.RetryRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Job gate: counts the consecutive most recent failed deploy jobs of the release (since the target
 * last had a job of another version). Without a retry
 * rule a release gets exactly one job; with one, a new job is allowed while the count is at most
 * maxRetries, after the backoff. A successful job is final.
 */
public final class RetryGate {
  private RetryGate() {}

  public static RuleResult evaluate(List<RetryRule> rules, List<JobFact> targetJobs, Version version, Instant now) {
    // The jobs of this version since the target last ran another one: a version that was rolled
    // back and then unblocked gets a fresh start instead of "already deployed".
    int from = targetJobs.size();
    while (from > 0 && targetJobs.get(from - 1).versionId() == version.id()) {
      from--;
    }
    List<JobFact> jobs = targetJobs.subList(from, targetJobs.size()).stream()
        .filter(j -> j.kind().equals("deploy")).toList();
    if (jobs.isEmpty()) {
      return RuleResult.allowed("retry", "no job yet for " + version.tag(), null);
    }
    if (jobs.stream().anyMatch(JobFact::successful)) {
      return RuleResult.denied("retry", "a job already deployed " + version.tag() + " here (use ctrl redeploy to force)");
    }
    int failed = 0;
    JobFact last = jobs.get(jobs.size() - 1);
    for (int i = jobs.size() - 1; i >= 0 && !jobs.get(i).inFlight(); i--) {
      failed++;
    }
    if (rules.isEmpty()) {
      return RuleResult.denied("retry", "the job for " + version.tag() + " ended " + last.status()
          + " and no retry rule applies");
    }
    Instant open = now;
    for (RetryRule rule : rules) {
      if (!rule.onStatuses().contains(last.status())) {
        return RuleResult.denied("retry", "the last job ended " + last.status() + ", which retry does not cover");
      }
      if (failed > rule.maxRetries()) {
        return RuleResult.denied("retry", "retries exhausted: " + failed + " failed jobs for " + version.tag()
            + " (maxRetries " + rule.maxRetries() + ")");
      }
      Instant at = (last.completedAt() == null ? last.createdAt() : last.completedAt()).plus(backoff(rule, failed));
      if (at.isAfter(open)) {
        open = at;
      }
    }
    if (now.isBefore(open)) {
      return RuleResult.waiting("retry", "retry " + failed + " backs off until " + Times.at(open), open);
    }
    return RuleResult.allowed("retry", "retry " + failed + " of " + version.tag(), open);
  }

  /** linear: backoff each time; exponential: backoff * 2^(count-1), capped by maxBackoff. */
  static Duration backoff(RetryRule rule, int failedCount) {
    Duration d = rule.backoff();
    if (rule.strategy() == RetryRule.Strategy.EXPONENTIAL && failedCount > 1) {
      int shift = Math.min(failedCount - 1, 30);
      d = d.multipliedBy(1L << shift);
    }
    if (rule.maxBackoff() != null && d.compareTo(rule.maxBackoff()) > 0) {
      d = rule.maxBackoff();
    }
    return d;
  }
}
