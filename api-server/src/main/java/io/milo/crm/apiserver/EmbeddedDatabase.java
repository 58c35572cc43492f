package io.milo.crm.apiserver;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * EmbeddedDatabase runs a real PostgreSQL (binaries from Maven Central) with its data kept in a
 * directory, so the server runs on any machine with a JDK and no database. Data survives restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDir) {
    try {
      Path dir = dataDir.resolve("postgres").toAbsolutePath();
      Files.createDirectories(dir);
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setDataDirectory(dir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
    }
  }

  PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(postgres.getPort())
        .setUser("postgres").setPassword("postgres").setDatabase("postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
