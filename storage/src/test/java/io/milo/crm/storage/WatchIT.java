package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Watch semantics of api-semantics.md §5 on a real PostgreSQL. Each test uses its own namespace. */
class WatchIT {
  static Vertx vertx;
  static Store store;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    store = StoreTesting.open(vertx, StoreTesting.options(StoreTesting.newDatabase()).withWatchLimits(50, 200));
  }

  @AfterAll
  static void close() {
    await(store.close());
    await(vertx.close());
  }

  private static StoredObject create(String ns, String name, Map<String, String> labels) {
    return await(store.create(PEOPLE, person(ns, name, labels, null)));
  }

  private static StoredObject relabel(String ns, String name, Map<String, String> labels) {
    return await(store.guaranteedUpdate(PEOPLE, new ObjectKey(ns, name), Preconditions.NONE, current -> {
      ObjectNode next = current.tree();
      ObjectNode l = Json.metadata(next).putObject("labels");
      labels.forEach(l::put);
      return next;
    }, WriteCheck.NONE));
  }

  @Test
  void changesAfterAResourceVersionArriveInOrderWithTheirVersions() {
    long start = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    Watch watch = store.watch(PEOPLE, WatchOptions.from("w1", start), rec);
    StoredObject a = create("w1", "a", Map.of());
    StoredObject b = relabel("w1", "a", Map.of("x", "1"));
    StoredObject c = await(store.delete(PEOPLE, new ObjectKey("w1", "a"), Preconditions.NONE));
    create("other-namespace", "ignored", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 3);
    List<WatchEvent> events = rec.events();
    assertThat(rec.summary()).containsExactly("ADDED a", "MODIFIED a", "DELETED a");
    assertThat(events).extracting(WatchEvent::resourceVersion)
        .containsExactly(a.resourceVersion(), b.resourceVersion(), c.resourceVersion());
    assertThat(events.get(2).object().tree().path("metadata").path("labels").path("x").asText()).isEqualTo("1");
    assertThat(events.get(2).object().tree().path("metadata").path("resourceVersion").asText())
        .isEqualTo(Long.toString(c.resourceVersion()));
    watch.cancel();
  }

  @Test
  void anObjectEnteringOrLeavingTheSelectionIsAddedOrDeleted() {
    long start = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w2", start).withSelectors(LabelSelector.parse("tier=gold"),
        FieldSelector.everything()), rec);
    create("w2", "p", Map.of("tier", "silver"));
    StoredObject gold = relabel("w2", "p", Map.of("tier", "gold"));
    relabel("w2", "p", Map.of("tier", "gold", "extra", "y"));
    StoredObject silver = relabel("w2", "p", Map.of("tier", "silver"));
    await(store.delete(PEOPLE, new ObjectKey("w2", "p"), Preconditions.NONE));
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 3);
    assertThat(rec.summary()).containsExactly("ADDED p", "MODIFIED p", "DELETED p");
    WatchEvent left = rec.events().get(2);
    assertThat(left.resourceVersion()).isEqualTo(silver.resourceVersion());
    // The DELETED event for leaving carries the previous state at the event's resourceVersion.
    assertThat(left.object().tree().path("metadata").path("labels").path("tier").asText()).isEqualTo("gold");
    assertThat(left.object().tree().path("metadata").path("resourceVersion").asText())
        .isEqualTo(Long.toString(silver.resourceVersion()));
    assertThat(rec.events().get(0).resourceVersion()).isEqualTo(gold.resourceVersion());
  }

  @Test
  void aFieldSelectorFiltersOnDeclaredFields() {
    long start = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w3", start).withSelectors(LabelSelector.everything(),
        FieldSelector.parse("spec.companyRef.name=acme,metadata.name!=skip")), rec);
    await(store.create(PEOPLE, person("w3", "in", Map.of(), "acme")));
    await(store.create(PEOPLE, person("w3", "skip", Map.of(), "acme")));
    await(store.create(PEOPLE, person("w3", "out", Map.of(), "globex")));
    await(store.create(PEOPLE, person("w3", "in2", Map.of(), "acme")));
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 2);
    assertThat(rec.summary()).containsExactly("ADDED in", "ADDED in2");
  }

  @Test
  void withoutAResourceVersionTheCurrentStateComesFirst() {
    create("w4", "x1", Map.of());
    create("w4", "x2", Map.of());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, new WatchOptions("w4", null, null, null, null), rec);
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 2);
    create("w4", "x3", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 3);
    assertThat(rec.summary()).containsExactly("ADDED x1", "ADDED x2", "ADDED x3");
  }

  @Test
  void sendInitialEventsEndsTheStateWithAMarkedBookmark() {
    for (int i = 0; i < 1200; i++) { // more than one page of initial state
      create("w5", String.format("n%04d", i), Map.of());
    }
    long afterState = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, new WatchOptions("w5", null, null, "", true), rec);
    await().atMost(Duration.ofSeconds(20)).until(() -> rec.events().size() >= 1201);
    create("w5", "later", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 1202);
    List<WatchEvent> events = rec.events();
    assertThat(events.subList(0, 1200)).allMatch(e -> e.type() == WatchEvent.Type.ADDED);
    WatchEvent end = events.get(1200);
    assertThat(end.type()).isEqualTo(WatchEvent.Type.BOOKMARK);
    assertThat(end.initialEventsEnd()).isTrue();
    assertThat(end.resourceVersion()).isGreaterThanOrEqualTo(afterState);
    assertThat(events.get(1201).object().key().name()).isEqualTo("later");
  }

  @Test
  void aWatchResumesFromAnOldResourceVersionBeyondTheCache() {
    long start = await(store.currentResourceVersion());
    for (int i = 0; i < 120; i++) { // the cache holds 50 events in this test
      create("w6", "r" + i, Map.of());
    }
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w6", start), rec);
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 120);
    assertThat(rec.events()).extracting(e -> e.object().key().name())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 120).mapToObj(i -> "r" + i).toList());
  }

  @Test
  void aBookmarkCarriesTheNewestCompleteResourceVersion() {
    long start = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    Watch watch = store.watch(PEOPLE, WatchOptions.from("w7", start), rec);
    StoredObject elsewhere = create("not-w7", "z", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> store.observedResourceVersion() >= elsewhere.resourceVersion());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      watch.requestBookmark();
      assertThat(rec.events()).anyMatch(e -> e.type() == WatchEvent.Type.BOOKMARK
          && e.resourceVersion() >= elsewhere.resourceVersion());
    });
  }

  @Test
  void withoutInitialEventsAndWithoutAVersionOnlyNewChangesArrive() {
    create("w10", "existing", Map.of());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, new WatchOptions("w10", null, null, null, false), rec);
    await().atMost(Duration.ofSeconds(5)).until(() -> store.observedResourceVersion() > 0);
    // The watch is registered asynchronously; writes from now on must all arrive.
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
    create("w10", "new", Map.of());
    await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() >= 1);
    assertThat(rec.summary()).containsExactly("ADDED new");
    assertThat(rec.ended).isNotDone();
  }

  @Test
  void aWatchFromTheFutureEndsAsTooLarge() throws Exception {
    long head = await(store.currentResourceVersion());
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w11", head + 1000), rec);
    assertThat(rec.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(StorageException.TooLargeResourceVersion.class);
  }

  @Test
  void resumingFromTheCacheIsFlowControlledToo() {
    // A cache larger than a watcher's queue: resuming from its start must page, not overflow.
    Vertx other = Vertx.vertx();
    Store big = StoreTesting.open(other, StoreTesting.options(StoreTesting.newDatabase()).withWatchLimits(1000, 100));
    try {
      long start = await(big.currentResourceVersion());
      for (int i = 0; i < 300; i++) {
        await(big.create(PEOPLE, person("w12", "c" + i, Map.of(), null)));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> big.observedResourceVersion() >= start + 300);
      RecordingListener rec = new RecordingListener();
      big.watch(PEOPLE, WatchOptions.from("w12", start), rec);
      await().atMost(Duration.ofSeconds(20)).until(() -> rec.events().size() >= 300 || rec.ended.isDone());
      assertThat(rec.ended).isNotDone();
      assertThat(rec.events()).hasSize(300);
    } finally {
      await(big.close());
      await(other.close());
    }
  }

  @Test
  void closingTheStoreEndsItsWatches() throws Exception {
    Vertx own = Vertx.vertx();
    Store closing = StoreTesting.open(own, StoreTesting.options(StoreTesting.newDatabase()));
    try {
      RecordingListener rec = new RecordingListener();
      closing.watch(PEOPLE, WatchOptions.from("w13", await(closing.currentResourceVersion())), rec);
      await(closing.create(PEOPLE, person("w13", "seen", Map.of(), null)));
      await().atMost(Duration.ofSeconds(10)).until(() -> rec.events().size() == 1);
      await(closing.close());
      assertThat(rec.ended.get(10, TimeUnit.SECONDS)).isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining("shutting down");
    } finally {
      await(own.close());
    }
  }

  @Test
  void compactedHistoryEndsTheWatchWithExpired() throws Exception {
    long old = create("w8", "before", Map.of()).resourceVersion();
    StoredObject later = create("w8", "after", Map.of());
    await(store.compactUpTo(later.resourceVersion()));
    RecordingListener rec = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w8", old), rec);
    Throwable error = rec.ended.get(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOf(StorageException.Expired.class)
        .hasMessage("too old resource version: " + old + " (" + later.resourceVersion() + ")");
    assertThat(rec.events()).isEmpty();
  }

  @Test
  void aWatcherThatDoesNotReadIsCutOffWithoutStoppingOthers() throws Exception {
    long start = await(store.currentResourceVersion());
    RecordingListener slow = new RecordingListener();
    Watch stalled = store.watch(PEOPLE, WatchOptions.from("w9", start), slow);
    stalled.pause();
    RecordingListener fast = new RecordingListener();
    store.watch(PEOPLE, WatchOptions.from("w9", start), fast);
    for (int i = 0; i < 260; i++) { // the per-watcher limit is 200 in this test
      create("w9", "s" + i, Map.of());
    }
    assertThat(slow.ended.get(20, TimeUnit.SECONDS)).isInstanceOf(StorageException.Expired.class)
        .hasMessageContaining("fell more than 200 events behind");
    await().atMost(Duration.ofSeconds(10)).until(() -> fast.events().size() >= 260);
    assertThat(fast.ended).isNotDone();
  }
}
