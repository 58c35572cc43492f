package io.milo.crm.storage.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrations brings the schema up to date with versioned SQL scripts, each applied once, in order,
 * in its own transaction, under an advisory lock so that replicas starting together do not race.
 *
 * <p>A tiny runner rather than Flyway or Liquibase: both drive migrations through JDBC, which
 * would add a second PostgreSQL driver and a blocking connection to a server that otherwise
 * speaks only vertx-pg-client. The scripts are plain SQL, so moving to such a tool later is easy.
 */
public final class Migrations {
  /** The scripts, in order. Append; never edit one that has shipped. */
  static final List<String> SCRIPTS = List.of("V1__store.sql", "V2__object_terms.sql", "V3__unique_terms.sql");

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final long LOCK_KEY = 0x6d696c6f63726dL; // "milocrm"

  private Migrations() {}

  /** Applies every script not yet applied. */
  public static Future<Void> migrate(Pool pool) {
    return pool.withTransaction(conn -> conn.query("SET LOCAL client_min_messages = warning").execute()
        .compose(v -> conn.query("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")").execute())
        .compose(v -> conn.query("CREATE TABLE IF NOT EXISTS schema_migrations ("
            + "version int PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())").execute())
        .compose(v -> conn.query("SELECT version FROM schema_migrations").execute())
        .compose(rows -> {
          Set<Integer> applied = new HashSet<>();
          for (Row row : rows) {
            applied.add(row.getInteger(0));
          }
          return applyMissing(conn, applied, 0);
        }));
  }

  private static Future<Void> applyMissing(SqlConnection conn, Set<Integer> applied, int index) {
    if (index == SCRIPTS.size()) {
      return Future.succeededFuture();
    }
    String script = SCRIPTS.get(index);
    int version = versionOf(script);
    if (applied.contains(version)) {
      return applyMissing(conn, applied, index + 1);
    }
    LOG.info("applying schema migration {}", script);
    return conn.query(read(script)).execute()
        .compose(v -> conn.preparedQuery("INSERT INTO schema_migrations (version, script) VALUES ($1, $2)")
            .execute(Tuple.of(version, script)))
        .compose(v -> applyMissing(conn, applied, index + 1));
  }

  static int versionOf(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("/io/milo/crm/storage/migrations/" + script)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing from the class path: " + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
