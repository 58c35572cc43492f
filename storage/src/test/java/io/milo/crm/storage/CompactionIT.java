package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.failure;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.milo.crm.storage.ListOptions.ResourceVersionMatch;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compaction on its own schedule: history older than the window goes, and then every replica
 * answers 410 for the same resourceVersions, since the floor lives in the database.
 */
class CompactionIT {
  @Test
  void aProcessOvertakenByCompactionEndsItsWatchesRatherThanSkipEvents() throws Exception {
    PgConnectOptions db = StoreTesting.newDatabase();
    Vertx vertx = Vertx.vertx();
    Store store = StoreTesting.open(vertx, StoreTesting.options(db));
    Pool sql = PgBuilder.pool().connectingTo(db).using(vertx).build();
    try {
      long start = await(store.currentResourceVersion());
      RecordingListener rec = new RecordingListener();
      store.watch(PEOPLE, WatchOptions.from("overtaken", start), rec);
      await().atMost(Duration.ofSeconds(5)).until(() -> store.observedResourceVersion() >= start);
      // Another process writes five versions and compacts them all away in one transaction, so
      // this process cannot have read them before they were gone.
      await(sql.withTransaction(conn -> conn.query("SELECT rv FROM rv_counter WHERE id = 1 FOR UPDATE").execute()
          .compose(v -> conn.query("UPDATE rv_counter SET rv = rv + 5 WHERE id = 1").execute())
          .compose(v -> conn.query("UPDATE compaction SET floor_rv = (SELECT rv FROM rv_counter WHERE id = 1)").execute())
          .compose(v -> conn.query("SELECT pg_notify('milo_crm_events', 'x')").execute())));
      assertThat(rec.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(StorageException.Expired.class)
          .hasMessage("too old resource version: " + start + " (" + (start + 5) + ")");
      // Afterwards the process serves watches again, from the new floor on.
      RecordingListener after = new RecordingListener();
      store.watch(PEOPLE, WatchOptions.from("overtaken", start + 5), after);
      await(store.create(PEOPLE, person("overtaken", "x")));
      await().atMost(Duration.ofSeconds(10)).until(() -> after.events().size() == 1);
    } finally {
      await(sql.close());
      await(store.close());
      await(vertx.close());
    }
  }

  @Test
  void historyOlderThanTheWindowIsCompactedAndEveryReplicaAgreesOnTheFloor() throws Exception {
    PgConnectOptions db = StoreTesting.newDatabase();
    Vertx vertx = Vertx.vertx();
    Vertx otherVertx = Vertx.vertx();
    Store compacting = StoreTesting.open(vertx, StoreTesting.options(db)
        .withHistory(Duration.ofMillis(300), Duration.ofMillis(200)));
    Store other = StoreTesting.open(otherVertx, StoreTesting.options(db)
        .withHistory(Duration.ofMinutes(5), Duration.ofMinutes(5)));
    try {
      long old = await(compacting.create(PEOPLE, person("compaction", "a"))).resourceVersion();
      StoredObject later = await(compacting.create(PEOPLE, person("compaction", "b")));
      // Both events age past the window; the floor reaches at least the newer one.
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(failure(other.list(PEOPLE, ListOptions.all("compaction")
              .withResourceVersion(Long.toString(later.resourceVersion() - 1), ResourceVersionMatch.EXACT))))
              .isInstanceOf(StorageException.Expired.class));

      for (Store replica : new Store[] {compacting, other}) {
        RecordingListener rec = new RecordingListener();
        replica.watch(PEOPLE, WatchOptions.from("compaction", old), rec);
        assertThat(rec.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(StorageException.Expired.class)
            .hasMessageStartingWith("too old resource version: " + old + " (");
      }
      // The current state is still there, and a watch from now on works.
      assertThat(await(other.list(PEOPLE, ListOptions.all("compaction"))).items()).hasSize(2);
      long now = await(other.currentResourceVersion());
      RecordingListener live = new RecordingListener();
      other.watch(PEOPLE, WatchOptions.from("compaction", now), live);
      await(compacting.create(PEOPLE, person("compaction", "c")));
      await().atMost(Duration.ofSeconds(10)).until(() -> live.events().size() == 1);
    } finally {
      await(compacting.close());
      await(other.close());
      await(vertx.close());
      await(otherVertx.close());
    }
  }
}
