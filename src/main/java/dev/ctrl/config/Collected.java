package dev.ctrl.config;

import java.util.ArrayList;
import java.util.List;

/** What parsing files collects: documents that bound, errors, expressions and references. */
public final class Collected {
  final List<LoadedDocument> documents = new ArrayList<>();
  final List<ConfigError> errors = new ArrayList<>();
  final List<ExprSite> expressions = new ArrayList<>();
  final List<RefSite> references = new ArrayList<>();
  String[] lines = new String[0];

  public List<LoadedDocument> documents() {
    return documents;
  }

  public List<ConfigError> errors() {
    return errors;
  }

  LoadedConfig toConfig() {
    return new LoadedConfig(documents, errors, expressions, references);
  }
}
