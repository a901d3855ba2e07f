package dev.ctrl.model;

import java.util.regex.Pattern;

/**
 * Secrets are written `${env:NAME}` or `${file:PATH}`. Only the reference is ever stored or
 * printed; it is resolved at the moment of use.
 */
public final class SecretRef {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):[^}]+\\}");

  /** What a config error says of a literal where a secret belongs (the value itself is never repeated). */
  public static final String LITERAL_REJECTED =
      "must be a secret reference like ${env:NAME} or ${file:PATH}, not a literal value (it would be stored in the state file)";

  private SecretRef() {}

  public static boolean isReference(String value) {
    return value != null && REFERENCE.matcher(value).matches();
  }
}
