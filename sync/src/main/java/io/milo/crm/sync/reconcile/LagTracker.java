package io.milo.crm.sync.reconcile;

import io.milo.crm.sync.metrics.SyncMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LagTracker measures sync lag per object: from the first change the informer saw and the sync has not
 * yet caught up with, to the reconcile that left every provider in sync.
 */
public final class LagTracker {
  private final String kind;
  private final SyncMetrics metrics;
  private final Map<String, Instant> pending = new ConcurrentHashMap<>();

  public LagTracker(String kind, SyncMetrics metrics) {
    this.kind = kind;
    this.metrics = metrics;
  }

  public void changed(String key) {
    pending.putIfAbsent(key, Instant.now());
  }

  public void synced(String key) {
    Instant since = pending.remove(key);
    if (since != null) {
      metrics.syncLag(kind, Duration.between(since, Instant.now()));
    }
  }

  public void forget(String key) {
    pending.remove(key);
  }
}
