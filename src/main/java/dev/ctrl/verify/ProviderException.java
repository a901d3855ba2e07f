package dev.ctrl.verify;

/** The metric source could not be asked; the message names what failed, never a secret. */
public final class ProviderException extends Exception {
  public ProviderException(String message) {
    super(message);
  }

  public ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
