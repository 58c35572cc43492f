package io.milo.crm.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Compactor drops history older than the store's window. It raises the compaction floor (kept in
 * the database, so every process answers 410 for the same resourceVersions) and deletes the
 * events at or below it, in one transaction; readers see either both or neither. One process
 * compacts at a time (an advisory lock); the floor never goes down and never passes the head.
 */
final class Compactor {
  private static final long LOCK_KEY = 0x6d696c6f636f6dL;

  private final Pool pool;

  Compactor(Pool pool) {
    this.pool = pool;
  }

  /** Compacts history older than the given number of milliseconds; returns the floor. */
  Future<Long> compactOlderThan(long millis) {
    return pool.preparedQuery("SELECT coalesce(max(rv), 0) FROM events "
            + "WHERE created_at < clock_timestamp() - make_interval(secs => $1::float8 / 1000)")
        .execute(Tuple.of((double) millis))
        .compose(rows -> compactUpTo(rows.iterator().next().getLong(0)));
  }

  /** Raises the floor to rv (bounded by the head) and deletes the events at or below it. */
  Future<Long> compactUpTo(long rv) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
        .execute(Tuple.of(LOCK_KEY))
        .compose(locked -> {
          if (!locked.iterator().next().getBoolean(0)) {
            return conn.query("SELECT floor_rv FROM compaction WHERE id = 1").execute()
                .map(rows -> rows.iterator().next().getLong(0));
          }
          return conn.preparedQuery("UPDATE compaction SET floor_rv = greatest(floor_rv, "
                  + "least($1, (SELECT rv FROM rv_counter WHERE id = 1))), compacted_at = now() "
                  + "WHERE id = 1 RETURNING floor_rv")
              .execute(Tuple.of(rv))
              .compose(rows -> {
                long floor = rows.iterator().next().getLong(0);
                return conn.preparedQuery("DELETE FROM events WHERE rv <= $1").execute(Tuple.of(floor))
                    .compose(deleted -> conn.query("SELECT pg_notify('" + EventLog.CHANNEL + "', 'compacted')").execute())
                    .map(notified -> floor);
              });
        }));
  }
}
