package io.milo.crm.storage;

import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * StoreOptions configures one store instance (one per process; several processes may share one
 * database).
 *
 * @param database where the database is
 * @param poolSize connections for reads and writes
 * @param historyWindow how long the event log keeps history for watches and paged lists (≥ 5 min in production)
 * @param compactionInterval how often this process tries to compact (one process at a time does)
 * @param watchCacheEvents how many recent events are kept in memory for watches that resume
 * @param maxPendingPerWatcher events queued for one watcher before it is cut off as too slow
 * @param pollInterval how often the event log is read when no notification arrives (a safety net;
 *     notifications normally wake readers within milliseconds)
 * @param freshnessWait how long a read at a resourceVersion newer than this process has seen waits
 * @param unitTimeout how long one unit of work may hold the write lock (every writer waits for it)
 */
public record StoreOptions(
    PgConnectOptions database,
    int poolSize,
    Duration historyWindow,
    Duration compactionInterval,
    int watchCacheEvents,
    int maxPendingPerWatcher,
    Duration pollInterval,
    Duration freshnessWait,
    Duration unitTimeout) {

  public StoreOptions {
    Objects.requireNonNull(database, "database");
    if (poolSize < 2) {
      throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
    }
    if (unitTimeout.isNegative() || unitTimeout.isZero() || unitTimeout.compareTo(Duration.ofSeconds(30)) >= 0) {
      // The database ends a transaction idle for 30 s (see Store); a unit must be failed before that.
      throw new IllegalArgumentException("unitTimeout must be between 0 and 30 s, got " + unitTimeout);
    }
    if (watchCacheEvents < 1 || maxPendingPerWatcher < 1) {
      throw new IllegalArgumentException("watchCacheEvents and maxPendingPerWatcher must be positive");
    }
  }

  /** Production defaults: 5 minutes of history, compaction every minute. */
  public static StoreOptions defaults(PgConnectOptions database) {
    return new StoreOptions(database, 16, Duration.ofMinutes(5), Duration.ofMinutes(1), 20_000, 10_000,
        Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  public StoreOptions withPoolSize(int size) {
    return new StoreOptions(database, size, historyWindow, compactionInterval, watchCacheEvents,
        maxPendingPerWatcher, pollInterval, freshnessWait, unitTimeout);
  }

  public StoreOptions withHistory(Duration window, Duration interval) {
    return new StoreOptions(database, poolSize, window, interval, watchCacheEvents, maxPendingPerWatcher,
        pollInterval, freshnessWait, unitTimeout);
  }

  public StoreOptions withWatchLimits(int cacheEvents, int pendingPerWatcher) {
    return new StoreOptions(database, poolSize, historyWindow, compactionInterval, cacheEvents, pendingPerWatcher,
        pollInterval, freshnessWait, unitTimeout);
  }

  public StoreOptions withUnitTimeout(Duration timeout) {
    return new StoreOptions(database, poolSize, historyWindow, compactionInterval, watchCacheEvents,
        maxPendingPerWatcher, pollInterval, freshnessWait, timeout);
  }

  public StoreOptions withPollInterval(Duration interval) {
    return new StoreOptions(database, poolSize, historyWindow, compactionInterval, watchCacheEvents,
        maxPendingPerWatcher, interval, freshnessWait, unitTimeout);
  }
}
