package io.milo.crm.sync.provider;

/**
 * Provider names the email providers the sync knows: the name used in {@code status.providers[].name},
 * condition types ({@code ResendContactReady}) and finalizers ({@code notification.milo.io/resend}).
 */
public enum Provider {
  RESEND("Resend"),
  LOOPS("Loops");

  private final String displayName;

  Provider(String displayName) {
    this.displayName = displayName;
  }

  /** The name as the API writes it: {@code Resend} or {@code Loops}. */
  public String displayName() {
    return displayName;
  }

  /** The finalizer this provider's sync holds on each object it has synced. */
  public String finalizer() {
    return "notification.milo.io/" + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The provider's condition type for a kind, e.g. {@code ResendContactReady}. */
  public String conditionType(String kind) {
    return displayName + kind + "Ready";
  }
}
