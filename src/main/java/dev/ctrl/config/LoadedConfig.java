package dev.ctrl.config;

import java.util.List;

/**
 * Every document of the files given to apply, every error found while reading them, and every
 * expression and reference, also those of documents that have errors, so that one apply reports
 * all problems at once.
 */
public record LoadedConfig(
    List<LoadedDocument> documents, List<ConfigError> errors, List<ExprSite> expressions, List<RefSite> references) {}
