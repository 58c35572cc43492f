package io.milo.crm.storage.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;

/**
 * Maintenance does to the benchmark's database, once the dataset is written, what autovacuum would
 * do on a production server given a minute: {@code VACUUM ANALYZE}, so that the planner has
 * statistics and the GIN indexes' pending lists are merged. Without it the reads measure a
 * never-analyzed table (the case on servers that run with autovacuum off).
 */
final class Maintenance {
  private Maintenance() {}

  /** Vacuums and analyzes the whole database; returns the server's autovacuum setting. */
  static Future<String> vacuumAnalyze(Vertx vertx, PgConnectOptions database) {
    return PgConnection.connect(vertx, database).compose(conn -> conn.query("SHOW autovacuum").execute()
        .compose(setting -> conn.query("VACUUM ANALYZE").execute().map(v -> setting.iterator().next().getString(0)))
        .eventually(conn::close));
  }
}
