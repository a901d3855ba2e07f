package dev.ctrl.agent;

/** The outcome of one dispatch in a batch: the external reference, or the error (never both). */
public record Dispatched(String ref, AgentException error) {}
