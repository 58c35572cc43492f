package io.milo.crm.testing;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TestDatabase gives every test a real PostgreSQL database of its own.
 *
 * <p>The server is the one named by {@code CRM_TEST_DATABASE_URL} (for example
 * {@code postgresql://postgres@127.0.0.1:5432/postgres}) when that variable is set, otherwise an
 * embedded PostgreSQL started once per JVM from the binaries on the class path. Each call of
 * {@link #newDatabase()} creates a fresh, empty database on that server; the databases made by
 * this JVM are dropped when it exits, so a test run leaves the shared server as it found it.
 */
public final class TestDatabase {
  /** Environment variable naming an existing server to use instead of the embedded one. */
  public static final String URL_ENV = "CRM_TEST_DATABASE_URL";

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<String> CREATED = new ArrayList<>();
  private static PgConnectOptions admin;
  private static EmbeddedPostgresServer embedded;
  /** One Vert.x for the fixture's own statements, made before any shutdown hook needs it. */
  private static final Vertx VERTX = Vertx.vertx();

  private TestDatabase() {}

  /** Creates an empty database and returns options that connect to it. */
  public static synchronized PgConnectOptions newDatabase() {
    PgConnectOptions server = server();
    String name = "crm_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    CREATED.add(name);
    return new PgConnectOptions(server).setDatabase(name);
  }

  private static PgConnectOptions server() {
    if (admin != null) {
      return admin;
    }
    String url = System.getenv(URL_ENV);
    if (url != null && !url.isBlank()) {
      admin = PgConnectOptions.fromUri(url);
      LOG.info("tests use the PostgreSQL server at {}:{}", admin.getHost(), admin.getPort());
      dropLeftovers(admin);
    } else {
      embedded = EmbeddedPostgresServer.start(0);
      admin = embedded.connectOptions();
      LOG.info("tests use an embedded PostgreSQL on port {} ({} not set)", embedded.port(), URL_ENV);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::cleanUp, "test-database-cleanup"));
    return admin;
  }

  /** Drops databases left by earlier test runs whose JVM was killed before it could clean up. */
  private static void dropLeftovers(PgConnectOptions server) {
    for (String name : query(server, "SELECT datname FROM pg_database WHERE datname LIKE 'crm\\_test\\_%'")) {
      String[] parts = name.split("_");
      boolean alive = parts.length == 4 && ProcessHandle.of(Long.parseLong(parts[2])).isPresent();
      if (!alive) {
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private static java.util.List<String> query(PgConnectOptions options, String sql) {
    try {
      return PgConnection.connect(VERTX, options)
          .compose(conn -> conn.query(sql).execute().eventually(() -> conn.close()))
          .map(rows -> {
            java.util.List<String> out = new ArrayList<>();
            rows.forEach(row -> out.add(row.getString(0)));
            return out;
          })
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not run \"" + sql + "\" on the test server: " + e, e);
    }
  }

  private static synchronized void cleanUp() {
    if (embedded != null) {
      embedded.close();
      return;
    }
    for (String name : CREATED) {
      try {
        execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        LOG.warn("could not drop test database {}: {}", name, e.toString());
      }
    }
  }

  /** Runs one statement on the server's maintenance database, blocking; for fixtures only. */
  static void execute(PgConnectOptions options, String sql) {
    try {
      PgConnection.connect(VERTX, options)
          .compose(conn -> conn.query(sql).execute().eventually(() -> conn.close()))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not run \"" + sql + "\" on the test server: " + e, e);
    }
  }

}
