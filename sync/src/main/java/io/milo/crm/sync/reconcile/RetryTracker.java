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
  /** Per key, when ({@link System#nanoTime()}) the retry scheduled by the last failure is due. */
  private final Map<String, Long> retryAt = new ConcurrentHashMap<>();

  public RetryTracker(Backoff backoff) {
    this.backoff = backoff;
  }

  /** Records a failure of key caused by cause and returns how long to wait before trying again. */
  public Duration failed(String key, Throwable cause) {
    int n = failures.merge(key, 1, Integer::sum);
    Duration wait = backoff.delay(n, ThreadLocalRandom.current().nextDouble());
    if (cause instanceof ProviderException p && p.retryAfter() != null && p.retryAfter().compareTo(wait) > 0) {
      wait = p.retryAfter().plusMillis(ThreadLocalRandom.current().nextLong(0, 250));
    }
    retryAt.put(key, System.nanoTime() + wait.toNanos());
    return wait;
  }

  public void succeeded(String key) {
    failures.remove(key);
    retryAt.remove(key);
  }

  /**
   * Whether a retry of key is scheduled and not yet due: events that do not change what the object asks
   * for (the sync's own status or finalizer writes, a resync) must not run it sooner.
   */
  public boolean retryPending(String key) {
    Long at = retryAt.get(key);
    return at != null && at - System.nanoTime() > 0;
  }

  public int failures(String key) {
    return failures.getOrDefault(key, 0);
  }
}
