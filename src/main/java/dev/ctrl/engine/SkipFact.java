package dev.ctrl.engine;

import java.time.Instant;

/** A policy skip: rule `ruleNumber` (from 1) of `policy` allows `versionId` in the scope until expiresAt. */
public record SkipFact(
    String policy, int ruleNumber, long versionId, String environment, String resource, String reason, String actor,
    Instant expiresAt) {

  public boolean covers(String policyName, int rule, long version, String env, String res, java.time.Instant now) {
    return policy.equals(policyName) && ruleNumber == rule && versionId == version
        && (environment == null || environment.equals(env)) && (resource == null || resource.equals(res))
        && (expiresAt == null || now.isBefore(expiresAt));
  }
}
