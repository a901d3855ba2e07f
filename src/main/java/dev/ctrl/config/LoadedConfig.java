package dev.ctrl.config;

import java.util.List;

/** Every document of the files given to apply, and every error found while reading them. */
public record LoadedConfig(List<LoadedDocument> documents, List<ConfigError> errors) {}
