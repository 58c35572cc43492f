package io.milo.crm.sync.provider;

import java.time.Duration;

/**
 * ProviderLimits is how hard the sync may press one provider: calls a second and burst (kept under the
 * provider's documented limit), calls in flight at once, and a per-call timeout. {@code trustAll} is for
 * local simulators with self-signed certificates only.
 */
public record ProviderLimits(double ratePerSecond, int burst, int maxInFlight, Duration timeout, boolean trustAll) {
  /** The provider's documented limit, requests a second: Resend 2 (per team), Loops 10. */
  public static int documentedPerSecond(Provider provider) {
    return provider == Provider.RESEND ? 2 : 10;
  }

  /**
   * The defaults (also the flags' defaults, {@code SyncOptions}): a rate under the documented limit and
   * a burst of 1, so that no 1-second window ever holds more calls than the limit
   * ({@link TokenBucket#maxCallsIn}: Resend 1 + 1.8 → 2, Loops 1 + 9 → 10).
   */
  public static ProviderLimits defaults(Provider provider) {
    return provider == Provider.RESEND
        ? new ProviderLimits(1.8, 1, 4, Duration.ofSeconds(15), false)
        : new ProviderLimits(9, 1, 4, Duration.ofSeconds(15), false);
  }

  /** Whether these limits can put more calls in some 1-second window than the provider documents. */
  public boolean exceedsDocumentedLimit(Provider provider) {
    return TokenBucket.maxCallsIn(ratePerSecond, burst, 1) > documentedPerSecond(provider);
  }
}
