package io.milo.crm.sync.reconcile;

import java.time.Duration;

/**
 * Backoff is the retry policy of one object: exponential from {@code initial} by {@code multiplier} up
 * to {@code max}, with a random spread of {@code ±jitter} (a fraction) so objects that failed together
 * do not retry together.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(500), Duration.ofMinutes(5), 2.0, 0.2);
  }

  /**
   * The wait before attempt {@code failures + 1} given {@code failures} failures so far (at least 1),
   * with {@code random} in [0, 1) choosing the jitter.
   */
  public Duration delay(int failures, double random) {
    double base = initial.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
    double capped = Math.min(base, max.toMillis());
    double spread = capped * jitter * (2 * random - 1);
    return Duration.ofMillis(Math.max(1, Math.round(Math.min(max.toMillis(), capped + spread))));
  }
}
