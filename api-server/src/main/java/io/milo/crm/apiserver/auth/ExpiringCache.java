package io.milo.crm.apiserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ExpiringCache keeps answers for a while, each with its own time to live, read against a clock so
 * tests can move time (the role of k8s.io/apiserver pkg/authentication/token/cache and the
 * webhook authorizer's cache). It stays small by dropping expired entries when it grows.
 */
final class ExpiringCache<K, V> {
  private static final int SWEEP_ABOVE = 4096;
  private record Entry<V>(V value, Instant expires) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  ExpiringCache(Clock clock) {
    this.clock = clock;
  }

  V get(K key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (!clock.instant().isBefore(entry.expires())) {
      entries.remove(key, entry);
      return null;
    }
    return entry.value();
  }

  void put(K key, V value, Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return;
    }
    if (entries.size() > SWEEP_ABOVE) {
      Instant now = clock.instant();
      for (Iterator<Entry<V>> it = entries.values().iterator(); it.hasNext(); ) {
        if (!now.isBefore(it.next().expires())) {
          it.remove();
        }
      }
    }
    entries.put(key, new Entry<>(value, clock.instant().plus(ttl)));
  }
}
