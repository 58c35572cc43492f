package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two store instances with their own Vert.x and pools (two replicas) on one database, 16 writers
 * mixing creates, updates and deletes on shared and private keys, and watchers on both: every
 * watcher must see every committed write exactly once, in resourceVersion order, with no gap.
 */
class ConcurrencyIT {
  private static final int WRITERS = 16;
  private static final int OPS_PER_WRITER = 120;
  private static final int INCREMENTS_PER_WRITER = 25;

  /** One committed write as its writer saw it. */
  record Write(long rv, WatchEvent.Type type, ObjectKey key) {}

  @Test
  void everyWatcherOnEveryReplicaSeesEveryWriteOnceInOrder() {
    PgConnectOptions db = StoreTesting.newDatabase();
    Vertx vertxA = Vertx.vertx();
    Vertx vertxB = Vertx.vertx();
    Store a = StoreTesting.open(vertxA, StoreTesting.options(db));
    Store b = StoreTesting.open(vertxB, StoreTesting.options(db));
    try {
      await(a.create(PEOPLE, person("counter", "c")));
      long start = await(a.currentResourceVersion());
      List<RecordingListener> watchers = new ArrayList<>();
      for (Store s : List.of(a, b)) {
        for (int i = 0; i < 2; i++) {
          RecordingListener rec = new RecordingListener();
          s.watch(PEOPLE, WatchOptions.from(null, start), rec);
          watchers.add(rec);
        }
      }

      List<Write> writes = Collections.synchronizedList(new ArrayList<>());
      List<Future<Void>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Store s = w % 2 == 0 ? a : b;
        done.add(runWriter(s, w, writes));
      }
      await(Future.all(done));

      StoredObject counter = await(a.get(PEOPLE, new ObjectKey("counter", "c")));
      assertThat(counter.tree().path("spec").path("count").asInt()).isEqualTo(WRITERS * INCREMENTS_PER_WRITER);

      TreeMap<Long, Write> expected = new TreeMap<>();
      for (Write write : writes) {
        assertThat(expected.put(write.rv(), write)).as("resourceVersion handed out twice").isNull();
      }
      long last = expected.lastKey();
      for (RecordingListener rec : watchers) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !rec.events().isEmpty()
            && rec.events().get(rec.events().size() - 1).resourceVersion() >= last);
        List<WatchEvent> events = rec.changes();
        assertThat(events).extracting(WatchEvent::resourceVersion).isSorted().doesNotHaveDuplicates();
        List<Write> seen = events.stream().map(e -> new Write(e.resourceVersion(), e.type(), e.object().key())).toList();
        assertThat(seen).containsExactlyElementsOf(expected.values());
      }
    } finally {
      await(a.close());
      await(b.close());
      await(vertxA.close());
      await(vertxB.close());
    }
  }

  private static Future<Void> runWriter(Store store, int writer, List<Write> writes) {
    Promise<Void> promise = Promise.promise();
    Random random = new Random(writer);
    step(store, writer, random, 0, writes, promise);
    return promise.future();
  }

  private static void step(Store store, int writer, Random random, int op, List<Write> writes, Promise<Void> done) {
    if (op == OPS_PER_WRITER + INCREMENTS_PER_WRITER) {
      done.complete();
      return;
    }
    Future<Write> attempt;
    if (op % ((OPS_PER_WRITER + INCREMENTS_PER_WRITER) / INCREMENTS_PER_WRITER) == 0
        && countIncrements(op) < INCREMENTS_PER_WRITER) {
      attempt = increment(store);
    } else {
      boolean shared = random.nextBoolean();
      String ns = shared ? "shared" : "private-" + writer;
      ObjectKey key = new ObjectKey(ns, "k" + random.nextInt(shared ? 12 : 6));
      attempt = switch (random.nextInt(3)) {
        case 0 -> store.create(PEOPLE, person(key.namespace(), key.name(), Map.of("writer", "w" + writer), null))
            .map(o -> new Write(o.resourceVersion(), WatchEvent.Type.ADDED, key));
        case 1 -> store.guaranteedUpdate(PEOPLE, key, Preconditions.NONE, current -> {
          ObjectNode next = current.tree();
          next.with("spec").put("touchedBy", writer).put("op", op);
          return next;
        }, WriteCheck.NONE).map(o -> new Write(o.resourceVersion(), WatchEvent.Type.MODIFIED, key));
        default -> store.delete(PEOPLE, key, Preconditions.NONE)
            .map(o -> new Write(o.resourceVersion(), WatchEvent.Type.DELETED, key));
      };
    }
    attempt.onComplete(ar -> {
      if (ar.succeeded()) {
        if (ar.result() != null) {
          writes.add(ar.result());
        }
      } else if (!(ar.cause() instanceof StorageException.NotFound
          || ar.cause() instanceof StorageException.AlreadyExists)) {
        done.fail(ar.cause());
        return;
      }
      step(store, writer, random, op + 1, writes, done);
    });
  }

  private static int countIncrements(int op) {
    return op / ((OPS_PER_WRITER + INCREMENTS_PER_WRITER) / INCREMENTS_PER_WRITER);
  }

  private static Future<Write> increment(Store store) {
    ObjectKey key = new ObjectKey("counter", "c");
    return store.guaranteedUpdate(PEOPLE, key, Preconditions.NONE, current -> {
      ObjectNode next = current.tree();
      next.with("spec").put("count", current.tree().path("spec").path("count").asInt() + 1);
      return next;
    }, WriteCheck.NONE).map(o -> new Write(o.resourceVersion(), WatchEvent.Type.MODIFIED, key));
  }
}
