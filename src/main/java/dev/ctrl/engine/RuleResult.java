package dev.ctrl.engine;

import java.time.Instant;

/**
 * The verdict of one rule. policy and rule are null for job gates and blocks. needsPerson is
 * true when a PENDING verdict waits on a person (an approval) rather than on time or progress.
 */
public record RuleResult(
    String policy,
    Integer rule,
    String type,
    Verdict verdict,
    String reason,
    Instant satisfiedAt,
    Instant nextEvaluation,
    boolean needsPerson) {

  public static RuleResult allowed(String type, String reason, Instant satisfiedAt) {
    return new RuleResult(null, null, type, Verdict.ALLOWED, reason, satisfiedAt, null, false);
  }

  public static RuleResult waiting(String type, String reason, Instant nextEvaluation) {
    return new RuleResult(null, null, type, Verdict.PENDING, reason, null, nextEvaluation, false);
  }

  public static RuleResult needsPerson(String type, String reason) {
    return new RuleResult(null, null, type, Verdict.PENDING, reason, null, null, true);
  }

  public static RuleResult denied(String type, String reason) {
    return new RuleResult(null, null, type, Verdict.DENIED, reason, null, null, false);
  }

  public RuleResult from(String policyName, int ruleNumber) {
    return new RuleResult(policyName, ruleNumber, type, verdict, reason, satisfiedAt, nextEvaluation, needsPerson);
  }

  public boolean allows() {
    return verdict == Verdict.ALLOWED;
  }

  /** Resolves without a person: a time slot, soak, another target's progress, an in-flight job. */
  public boolean selfResolving() {
    return verdict == Verdict.PENDING && !needsPerson;
  }
}
