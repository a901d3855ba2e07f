package dev.ctrl.rollout;

/**
 * One row of the live view: a target, the version it runs and the one it moves to, its phase
 * (waiting, deploying, verifying, rolling-back, done, failed, rolled-back, blocked, up-to-date)
 * and what it waits for or how far its verification is.
 */
public record TargetProgress(String target, String current, String desired, String phase, String detail) {}
