package io.milo.crm.sync.reconcile;

import io.milo.crm.sync.provider.ProviderException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * RetryTracker counts failures per object key and turns the next failure into a wait: the provider's
 * {@code Retry-After} when it sent one, otherwise the object's {@link Backoff}. A success forgets the key.
 */
public final class RetryTracker {
  private final Backoff backoff;
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();

  public RetryTracker(Backoff backoff) {
    this.backoff = backoff;
  }

  /** Records a failure of key caused by cause and returns how long to wait before trying again. */
  public Duration failed(String key, Throwable cause) {
    int n = failures.merge(key, 1, Integer::sum);
    Duration wait = backoff.delay(n, ThreadLocalRandom.current().nextDouble());
    if (cause instanceof ProviderException p && p.retryAfter() != null && p.retryAfter().compareTo(wait) > 0) {
      return p.retryAfter().plusMillis(ThreadLocalRandom.current().nextLong(0, 250));
    }
    return wait;
  }

  public void succeeded(String key) {
    failures.remove(key);
  }

  public int failures(String key) {
    return failures.getOrDefault(key, 0);
  }
}
