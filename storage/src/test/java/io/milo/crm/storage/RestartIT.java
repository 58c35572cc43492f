package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.failure;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milo.crm.testing.EmbeddedPostgresServer;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart in the middle of a watch: writes fail while it is down, the store
 * reconnects by itself, and the watch goes on from where it was, missing and repeating nothing.
 * Uses an embedded PostgreSQL of its own, since it stops the server.
 */
class RestartIT {
  @Test
  void aWatchSurvivesADatabaseRestartWithoutLosingAnEvent() throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(0)) {
      PgConnectOptions db = server.newDatabase("restart_test");
      Vertx vertx = Vertx.vertx();
      Vertx otherVertx = Vertx.vertx();
      Store store = StoreTesting.open(vertx, StoreTesting.options(db));
      Store other = StoreTesting.open(otherVertx, StoreTesting.options(db));
      try {
        long start = await(store.currentResourceVersion());
        RecordingListener local = new RecordingListener();
        store.watch(PEOPLE, WatchOptions.from("restart", start), local);
        RecordingListener remote = new RecordingListener();
        other.watch(PEOPLE, WatchOptions.from("restart", start), remote);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          written.add(await((i % 2 == 0 ? store : other).create(PEOPLE, person("restart", "before-" + i)))
              .resourceVersion());
        }

        server.stop();
        assertThat(failure(store.create(PEOPLE, person("restart", "during"))))
            .isInstanceOf(StorageException.Unavailable.class);
        server.startAgain();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> written.add(await(store.create(PEOPLE, person("restart", "after-0"))).resourceVersion()));
        for (int i = 1; i < 20; i++) {
          written.add(await((i % 2 == 0 ? store : other).create(PEOPLE, person("restart", "after-" + i)))
              .resourceVersion());
        }

        for (RecordingListener rec : List.of(local, remote)) {
          await().atMost(Duration.ofSeconds(30)).until(() -> rec.events().size() >= written.size());
          assertThat(rec.events()).extracting(WatchEvent::resourceVersion).containsExactlyElementsOf(written);
          assertThat(rec.ended).isNotDone();
        }
        assertThat(store.healthy()).isTrue();
      } finally {
        await(store.close());
        await(other.close());
        await(vertx.close());
        await(otherVertx.close());
      }
    }
  }
}
