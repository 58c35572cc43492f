package io.milo.crm.sync.provider;

import java.time.Duration;

/**
 * ProviderException is a provider call that did not succeed: the HTTP status (0 when the call never got
 * an answer) and, for a 429 or 503, the wait the provider asked for in {@code Retry-After}.
 */
public final class ProviderException extends RuntimeException {
  private final Provider provider;
  private final String operation;
  private final int status;
  private final Duration retryAfter;

  public ProviderException(Provider provider, String operation, int status, Duration retryAfter, String message) {
    super(provider.displayName() + " " + operation + " failed" + (status > 0 ? " with HTTP " + status : "")
        + (message == null || message.isBlank() ? "" : ": " + message));
    this.provider = provider;
    this.operation = operation;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public Provider provider() {
    return provider;
  }

  public String operation() {
    return operation;
  }

  public int status() {
    return status;
  }

  /** The provider's requested wait, or null when it asked for none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether trying again later can help: no answer, 408, 429 and 5xx. */
  public boolean retryable() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
