package io.milo.crm.sync.reconcile;

/**
 * ProviderOutcome is what one provider's sync of one object came to: the provider condition's status
 * ({@code True}, {@code False} or {@code Unknown}), reason and message, and the provider id to record
 * in {@code status.providers[]} (null keeps whatever entry is there). A null reason or message keeps the
 * condition's current one, so an object found already in sync is not rewritten.
 */
public record ProviderOutcome(String status, String reason, String message, String id) {
  public static ProviderOutcome ready(String reason, String message, String id) {
    return new ProviderOutcome("True", reason, message, id);
  }

  /** In sync as the condition already says: its reason and message stay. */
  public static ProviderOutcome unchanged(String id) {
    return new ProviderOutcome("True", null, null, id);
  }

  /** Not asked this time: the condition stays as it is (status as given, reason and message kept). */
  public static ProviderOutcome kept(String status) {
    return new ProviderOutcome(status, null, null, null);
  }

  /** The provider refused the call for a reason retrying cannot fix (400/401/403/422). */
  public static ProviderOutcome rejected(String message) {
    return new ProviderOutcome("False", "ProviderRejected", message, null);
  }

  public static ProviderOutcome waiting(String reason, String message) {
    return new ProviderOutcome("False", reason, message, null);
  }

  public static ProviderOutcome failed(String message) {
    return new ProviderOutcome("False", "ProviderError", message, null);
  }

  /**
   * The provider is not configured in this sync (no API key) but the object carries its traces: it is
   * neither called nor counted in {@code Ready}; its condition says so and its entry stays as it is.
   */
  public static ProviderOutcome disabled(String providerName) {
    return new ProviderOutcome("Unknown", DISABLED, providerName + " is not configured in the sync (no API key):"
        + " this object is not kept in sync there, and deleting it leaves it there as it is", null);
  }

  /** The reason of a disabled provider's condition. */
  public static final String DISABLED = "ProviderDisabled";

  public boolean isReady() {
    return "True".equals(status);
  }

  /** Whether the provider is disabled, so its outcome does not count towards {@code Ready}. */
  public boolean isDisabled() {
    return DISABLED.equals(reason);
  }
}
