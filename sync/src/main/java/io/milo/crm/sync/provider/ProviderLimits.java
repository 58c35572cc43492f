package io.milo.crm.sync.provider;

import java.time.Duration;

/**
 * ProviderLimits is how hard the sync may press one provider: calls a second and burst (kept under the
 * provider's documented limit), calls in flight at once, and a per-call timeout. {@code trustAll} is for
 * local simulators with self-signed certificates only.
 */
public record ProviderLimits(double ratePerSecond, int burst, int maxInFlight, Duration timeout, boolean trustAll) {
  /** Resend documents 2 requests a second per team; Loops 10 a second. */
  public static ProviderLimits defaults(Provider provider) {
    return provider == Provider.RESEND
        ? new ProviderLimits(1.8, 2, 2, Duration.ofSeconds(15), false)
        : new ProviderLimits(9, 5, 4, Duration.ofSeconds(15), false);
  }
}
