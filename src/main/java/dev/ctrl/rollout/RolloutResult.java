package dev.ctrl.rollout;

/** How a rollout ended: the exit code of DOMAIN.md section 9 and a one-line summary. */
public record RolloutResult(int exitCode, String summary) {}
