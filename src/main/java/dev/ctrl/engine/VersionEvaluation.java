package dev.ctrl.engine;

import java.util.List;

/** One candidate version considered for a target, with every rule's verdict. */
public record VersionEvaluation(String tag, boolean allowed, List<RuleResult> rules) {}
