package io.milo.crm.testing;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * EmbeddedPostgresServer is a real PostgreSQL started from the binaries on the class path, in a
 * data directory of its own, that a test can stop and start again on the same port and data (to
 * prove that clients survive a database restart).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Starts a server on the given port, or on a free one when port is 0. */
  public static EmbeddedPostgresServer start(int port) {
    try {
      Path dir = Files.createTempDirectory("crm-embedded-pg");
      EmbeddedPostgresServer server = new EmbeddedPostgresServer(dir, port == 0 ? freePort() : port);
      server.startAgain();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server again after {@link #stop()}, keeping port and data. */
  public synchronized void startAgain() {
    if (postgres != null) {
      return;
    }
    try {
      postgres = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "300")
          .setServerConfig("fsync", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** Stops the server (fast shutdown: clients are disconnected), keeping its data. */
  public synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      postgres = null;
    }
  }

  public int port() {
    return port;
  }

  /** Options for the maintenance database as the superuser "postgres". */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost("127.0.0.1")
        .setPort(port)
        .setUser("postgres")
        .setPassword("postgres")
        .setDatabase("postgres");
  }

  /** Creates an empty database on this server and returns options that connect to it. */
  public PgConnectOptions newDatabase(String name) {
    TestDatabase.execute(connectOptions(), "CREATE DATABASE " + name);
    return connectOptions().setDatabase(name);
  }

  @Override
  public synchronized void close() {
    stop();
    deleteRecursively(dataDir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
