package io.milo.crm.sync.reconcile;

/**
 * ProviderOutcome is what one provider's sync of one object came to: the provider condition's status
 * ({@code True}, {@code False} or {@code Unknown}), reason and message, and the provider id to record
 * in {@code status.providers[]} (null keeps whatever entry is there).
 */
public record ProviderOutcome(String status, String reason, String message, String id) {
  public static ProviderOutcome ready(String reason, String message, String id) {
    return new ProviderOutcome("True", reason, message, id);
  }

  public static ProviderOutcome waiting(String reason, String message) {
    return new ProviderOutcome("False", reason, message, null);
  }

  public static ProviderOutcome failed(String message) {
    return new ProviderOutcome("False", "ProviderError", message, null);
  }

  public boolean isReady() {
    return "True".equals(status);
  }
}
