package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.failure;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Create, get, update, delete, preconditions, guaranteed update and units of work on a real PostgreSQL. */
class StoreCrudIT {
  static Vertx vertx;
  static Store store;
  /** A second replica on the same database, with its own event loops. */
  static Vertx otherVertx;
  static Store other;
  static io.vertx.pgclient.PgConnectOptions db;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    otherVertx = Vertx.vertx();
    db = StoreTesting.newDatabase();
    store = StoreTesting.open(vertx, StoreTesting.options(db));
    other = StoreTesting.open(otherVertx, StoreTesting.options(db));
  }

  @AfterAll
  static void close() {
    await(store.close());
    await(other.close());
    await(vertx.close());
    await(otherVertx.close());
  }

  @Test
  void createSetsResourceVersionAndGetReturnsIt() {
    StoredObject created = await(store.create(PEOPLE, person("crud", "ada")));
    assertThat(created.resourceVersion()).isPositive();
    assertThat(created.tree().path("metadata").path("resourceVersion").asText())
        .isEqualTo(Long.toString(created.resourceVersion()));

    StoredObject read = await(store.get(PEOPLE, new ObjectKey("crud", "ada")));
    assertThat(read.resourceVersion()).isEqualTo(created.resourceVersion());
    assertThat(read.tree()).isEqualTo(created.tree());
    assertThat(read.uid()).isEqualTo(created.uid()).isNotNull();
  }

  @Test
  void createOfAnExistingKeyFailsAndWritesNothing() {
    await(store.create(PEOPLE, person("crud", "dup")));
    long before = await(store.currentResourceVersion());
    Throwable error = failure(store.create(PEOPLE, person("crud", "dup")));
    assertThat(error).isInstanceOf(StorageException.AlreadyExists.class)
        .hasMessage("people.crm.milo.io \"dup\" already exists");
    assertThat(await(store.currentResourceVersion())).isEqualTo(before);
  }

  @Test
  void getOfAMissingObjectIsNotFound() {
    assertThat(failure(store.get(PEOPLE, new ObjectKey("crud", "nobody"))))
        .isInstanceOf(StorageException.NotFound.class)
        .hasMessage("people.crm.milo.io \"nobody\" not found");
  }

  @Test
  void resourceVersionsIncreaseWithEveryWrite() {
    long a = await(store.create(PEOPLE, person("crud", "rv1"))).resourceVersion();
    long b = await(store.create(PEOPLE, person("crud", "rv2"))).resourceVersion();
    ObjectNode changed = person("crud", "rv1");
    changed.with("spec").put("givenName", "changed");
    long c = await(store.update(PEOPLE, changed, Preconditions.resourceVersion(a))).resourceVersion();
    long d = await(store.delete(PEOPLE, new ObjectKey("crud", "rv2"), Preconditions.NONE)).resourceVersion();
    assertThat(new long[] {a, b, c, d}).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void updateWithAStaleResourceVersionConflicts() {
    StoredObject v1 = await(store.create(PEOPLE, person("crud", "stale")));
    ObjectNode next = v1.tree();
    next.with("spec").put("givenName", "second");
    await(store.update(PEOPLE, next, Preconditions.resourceVersion(v1.resourceVersion())));

    next.with("spec").put("givenName", "third");
    Throwable error = failure(store.update(PEOPLE, next, Preconditions.resourceVersion(v1.resourceVersion())));
    assertThat(error).isInstanceOf(StorageException.Conflict.class).hasMessageContaining("people.crm.milo.io \"stale\"");
    assertThat(await(store.get(PEOPLE, new ObjectKey("crud", "stale"))).tree().path("spec").path("givenName").asText())
        .isEqualTo("second");
  }

  @Test
  void updateThatChangesNothingKeepsTheResourceVersion() {
    StoredObject v1 = await(store.create(PEOPLE, person("crud", "same")));
    StoredObject v2 = await(store.update(PEOPLE, v1.tree(), Preconditions.NONE));
    assertThat(v2.resourceVersion()).isEqualTo(v1.resourceVersion());
  }

  @Test
  void deleteChecksUidAndReturnsTheLastStateAtTheDeletionsVersion() {
    StoredObject v1 = await(store.create(PEOPLE, person("crud", "gone")));
    ObjectKey key = new ObjectKey("crud", "gone");
    Throwable wrongUid = failure(store.delete(PEOPLE, key, Preconditions.uid("not-the-uid")));
    assertThat(wrongUid).isInstanceOf(StorageException.Conflict.class)
        .hasMessageContaining("Precondition failed: UID in precondition: not-the-uid");

    StoredObject last = await(store.delete(PEOPLE, key, Preconditions.uid(v1.uid())));
    assertThat(last.resourceVersion()).isGreaterThan(v1.resourceVersion());
    assertThat(last.tree().path("metadata").path("resourceVersion").asText())
        .isEqualTo(Long.toString(last.resourceVersion()));
    assertThat(failure(store.get(PEOPLE, key))).isInstanceOf(StorageException.NotFound.class);
    assertThat(failure(store.delete(PEOPLE, key, Preconditions.NONE))).isInstanceOf(StorageException.NotFound.class);
  }

  @Test
  void guaranteedUpdateRecomputesOnAFreshObject() {
    await(store.create(PEOPLE, person("crud", "counter")));
    ObjectKey key = new ObjectKey("crud", "counter");
    // Another replica writes between the update's read and its write, once, forcing a retry.
    boolean[] interfered = {false};
    StoredObject result = await(store.guaranteedUpdate(PEOPLE, key, Preconditions.NONE, current -> {
      if (!interfered[0]) {
        interfered[0] = true;
        ObjectNode other = current.tree();
        other.with("spec").put("count", 100);
        await(StoreCrudIT.other.update(PEOPLE, other, Preconditions.NONE));
      }
      ObjectNode next = current.tree();
      next.with("spec").put("count", current.tree().path("spec").path("count").asInt() + 1);
      return next;
    }, WriteCheck.NONE));
    assertThat(result.tree().path("spec").path("count").asInt()).isEqualTo(101);
  }

  @Test
  void aUnitOfWorkCommitsAllOrNothing() {
    await(store.create(PEOPLE, person("uow", "existing")));
    Throwable error = failure(store.inTransaction(tx -> tx.create(PEOPLE, person("uow", "first"))
        .compose(v -> tx.create(PEOPLE, person("uow", "existing")))));
    assertThat(error).isInstanceOf(StorageException.AlreadyExists.class);
    assertThat(failure(store.get(PEOPLE, new ObjectKey("uow", "first")))).isInstanceOf(StorageException.NotFound.class);

    long[] versions = await(store.inTransaction(tx -> tx.create(PEOPLE, person("uow", "a"))
        .compose(a -> tx.create(PEOPLE, person("uow", "b"))
            .map(b -> new long[] {a.resourceVersion(), b.resourceVersion()}))));
    assertThat(versions[1]).isEqualTo(versions[0] + 1);
    assertThat(await(store.currentResourceVersion())).isGreaterThanOrEqualTo(versions[1]);
  }

  @Test
  void aCheckInsideTheTransactionSeesTheWritesOfOthersInOrder() {
    // Two units of work that each create "slot-N" only if "slot-(N-1)" is absent: with the write
    // lock held from the first read, exactly one of them can win.
    await(store.create(PEOPLE, person("race", "base")));
    Future<StoredObject> one = store.inTransaction(tx -> tx.find(PEOPLE, new ObjectKey("race", "claimed"))
        .compose(found -> found.isPresent() ? Future.failedFuture(new IllegalStateException("taken"))
            : tx.create(PEOPLE, person("race", "claimed"))
                .compose(v -> tx.create(PEOPLE, person("race", "by-one")))));
    Future<StoredObject> two = store.inTransaction(tx -> tx.find(PEOPLE, new ObjectKey("race", "claimed"))
        .compose(found -> found.isPresent() ? Future.failedFuture(new IllegalStateException("taken"))
            : tx.create(PEOPLE, person("race", "by-two"))
                .compose(v -> tx.create(PEOPLE, person("race", "claimed")))));
    int succeeded = 0;
    for (Future<StoredObject> f : java.util.List.of(one, two)) {
      try {
        await(f);
        succeeded++;
      } catch (RuntimeException e) {
        assertThat(e).isInstanceOfAny(IllegalStateException.class, StorageException.AlreadyExists.class);
      }
    }
    assertThat(succeeded).isEqualTo(1);
  }

  @Test
  void unitsCommittedTogetherStillFailAlone() {
    // Submitted at once, these share group-committed transactions; every third one writes and
    // then fails, and must leave no trace, while the others all commit.
    java.util.List<Future<StoredObject>> units = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int n = i;
      units.add(store.inTransaction(tx -> tx.create(PEOPLE, person("batch", "u" + n)).compose(created -> n % 3 == 0
          ? Future.failedFuture(new IllegalStateException("unit " + n + " refuses"))
          : tx.create(PEOPLE, person("batch", "u" + n + "-second")))));
    }
    await(Future.join(units).otherwiseEmpty());
    for (int i = 0; i < 60; i++) {
      ObjectKey first = new ObjectKey("batch", "u" + i);
      ObjectKey second = new ObjectKey("batch", "u" + i + "-second");
      if (i % 3 == 0) {
        assertThat(units.get(i).cause()).hasMessage("unit " + i + " refuses");
        assertThat(failure(store.get(PEOPLE, first))).isInstanceOf(StorageException.NotFound.class);
      } else {
        StoredObject written = await(units.get(i));
        assertThat(await(store.get(PEOPLE, second)).resourceVersion()).isEqualTo(written.resourceVersion());
        assertThat(await(store.get(PEOPLE, first)).resourceVersion()).isEqualTo(written.resourceVersion() - 1);
      }
    }
  }

  @Test
  void writesInFlightTogetherInOneUnitGetDistinctVersions() {
    java.util.List<StoredObject> both = await(store.inTransaction(tx -> Future.all(
        tx.create(PEOPLE, person("parallel", "a")), tx.create(PEOPLE, person("parallel", "b")))
        .map(all -> java.util.List.<StoredObject>of(all.resultAt(0), all.resultAt(1)))));
    assertThat(both.get(0).resourceVersion()).isNotEqualTo(both.get(1).resourceVersion());
    assertThat(await(store.get(PEOPLE, new ObjectKey("parallel", "b"))).resourceVersion())
        .isEqualTo(both.get(1).resourceVersion());
  }

  @Test
  void aUnitThatSwallowsAFailedStatementFailsAloneAndReleasesTheLock() {
    java.util.List<Future<StoredObject>> units = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      units.add(store.inTransaction(tx -> {
        if (n != 5) {
          return tx.create(PEOPLE, person("swallow", "s" + n));
        }
        // PostgreSQL refuses a NUL in jsonb; the unit ignores the error and carries on.
        ObjectNode bad = person("swallow", "bad", java.util.Map.of("x", "a\u0000b"), null);
        return tx.create(PEOPLE, bad).recover(e -> Future.succeededFuture(null));
      }));
    }
    await(Future.join(units).otherwiseEmpty());
    for (int i = 0; i < 20; i++) {
      if (i == 5) {
        assertThat(units.get(i).failed()).isTrue();
      } else {
        assertThat(units.get(i).succeeded()).as("unit %d: %s", i, units.get(i).cause()).isTrue();
      }
    }
    // The lock is free at once for the other replica.
    long started = System.nanoTime();
    await(other.create(PEOPLE, person("swallow", "after")));
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void aUnitThatDoesNotWaitForItsFailingStatementFailsAlone() {
    java.util.List<Future<StoredObject>> units = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      units.add(store.inTransaction(tx -> {
        if (n != 7) {
          return tx.create(PEOPLE, person("unawaited", "s" + n));
        }
        // Sent and not waited for: the unit has already succeeded when PostgreSQL refuses it.
        tx.create(PEOPLE, person("unawaited", "bad", java.util.Map.of("x", "a\u0000b"), null));
        return Future.succeededFuture(null);
      }));
    }
    await(Future.join(units).otherwiseEmpty());
    for (int i = 0; i < 20; i++) {
      if (i == 7) {
        assertThat(units.get(i).failed()).isTrue();
      } else {
        assertThat(units.get(i).succeeded()).as("unit %d: %s", i, units.get(i).cause()).isTrue();
        assertThat(await(store.get(PEOPLE, new ObjectKey("unawaited", "s" + i))).resourceVersion())
            .isEqualTo(await(units.get(i)).resourceVersion());
      }
    }
    assertThat(failure(store.get(PEOPLE, new ObjectKey("unawaited", "bad")))).isInstanceOf(StorageException.NotFound.class);
  }

  @Test
  void aUnitThatOutlivesItsTimeoutFailsAndRollsBackItsBatchOnly() {
    Vertx slowVertx = Vertx.vertx();
    Store slow = StoreTesting.open(slowVertx, StoreTesting.options(db).withUnitTimeout(java.time.Duration.ofMillis(500)));
    try {
      // A unit that writes and then never completes: every writer would wait for it.
      Future<StoredObject> stuck = slow.inTransaction(tx -> tx.create(PEOPLE, person("timeout", "stuck"))
          .compose(created -> io.vertx.core.Promise.<StoredObject>promise().future()));
      assertThat(failure(stuck)).hasMessageContaining("ran longer than 500 ms");
      assertThat(failure(store.get(PEOPLE, new ObjectKey("timeout", "stuck")))).isInstanceOf(StorageException.NotFound.class);
      // The lock is free: both replicas write at once.
      await(slow.create(PEOPLE, person("timeout", "next")));
      await(other.create(PEOPLE, person("timeout", "elsewhere")));
    } finally {
      await(slow.close());
      await(slowVertx.close());
    }
  }

  @Test
  void aUnitCannotStartAnother() {
    Throwable error = failure(store.inTransaction(tx -> store.create(PEOPLE, person("nested", "n"))));
    assertThat(error).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start another");
  }

  @Test
  void aClusterScopedObjectMustNotHaveANamespace() {
    ObjectNode company = person("oops", "acme");
    assertThat(failure(store.create(StoreTesting.COMPANIES, company))).isInstanceOf(StorageException.BadRequest.class);
  }
}
