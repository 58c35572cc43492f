package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.PEOPLE;
import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.failure;
import static io.milo.crm.storage.StoreTesting.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ListOptions.ResourceVersionMatch;
import io.milo.crm.storage.selector.FieldSelector;
import io.milo.crm.storage.selector.LabelSelector;
import io.milo.crm.storage.selector.SelectorParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** List semantics of api-semantics.md §4 and §6 on a real PostgreSQL. Each test uses its own namespace. */
class ListIT {
  static Vertx vertx;
  static Store store;
  static io.vertx.pgclient.PgConnectOptions database;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    database = StoreTesting.newDatabase();
    store = StoreTesting.open(vertx, StoreTesting.options(database));
  }

  @AfterAll
  static void close() {
    await(store.close());
    await(vertx.close());
  }

  private static List<StoredObject> listAll(ListOptions options) {
    List<StoredObject> all = new ArrayList<>();
    ListResult page = await(store.list(PEOPLE, options));
    all.addAll(page.items());
    while (page.continueToken() != null) {
      // As client-go's pager does: the continue token alone carries the snapshot.
      page = await(store.list(PEOPLE, options.withResourceVersion(null, null).withContinue(page.continueToken())));
      all.addAll(page.items());
    }
    return all;
  }

  private static List<String> names(List<StoredObject> objects) {
    return objects.stream().map(o -> o.key().name()).toList();
  }

  @Test
  void anEmptyListHasTheStoresResourceVersion() {
    long head = await(store.currentResourceVersion());
    ListResult result = await(store.list(PEOPLE, ListOptions.all("empty")));
    assertThat(result.items()).isEmpty();
    assertThat(result.resourceVersion()).isGreaterThanOrEqualTo(head).isPositive();
    assertThat(result.continueToken()).isNull();
  }

  @Test
  void pagesAreASnapshotAtTheFirstPagesResourceVersionWhileOthersWrite() {
    Map<String, Long> before = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      String name = String.format("p%03d", i);
      before.put(name, await(store.create(PEOPLE, person("paging", name))).resourceVersion());
    }
    ListOptions options = ListOptions.all("paging").withLimit(40);
    ListResult page = await(store.list(PEOPLE, options));
    long snapshot = page.resourceVersion();
    List<StoredObject> seen = new ArrayList<>(page.items());
    Random random = new Random(7);
    int round = 0;
    while (page.continueToken() != null) {
      // Between pages: change, delete and add objects on both sides of the cursor.
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String name = String.format("p%03d", random.nextInt(300));
        writes.add(store.guaranteedUpdate(PEOPLE, new ObjectKey("paging", name), Preconditions.NONE, current -> {
          ObjectNode next = current.tree();
          next.with("spec").put("changed", true);
          return next;
        }, WriteCheck.NONE).otherwiseEmpty());
      }
      writes.add(store.delete(PEOPLE, new ObjectKey("paging", String.format("p%03d", 299 - round)), Preconditions.NONE)
          .otherwiseEmpty());
      writes.add(store.create(PEOPLE, person("paging", String.format("p%03d-new", round * 7 % 300))));
      await(Future.join(writes));
      round++;
      page = await(store.list(PEOPLE, options.withContinue(page.continueToken())));
      assertThat(page.resourceVersion()).isEqualTo(snapshot);
      seen.addAll(page.items());
    }
    assertThat(names(seen)).containsExactlyElementsOf(before.keySet());
    for (StoredObject o : seen) {
      assertThat(o.resourceVersion()).isEqualTo(before.get(o.key().name()));
      assertThat(o.tree().path("spec").has("changed")).isFalse();
      assertThat(o.tree().path("metadata").path("resourceVersion").asText()).isEqualTo(Long.toString(o.resourceVersion()));
    }
    // The latest list does see the changes.
    assertThat(listAll(ListOptions.all("paging"))).anyMatch(o -> o.tree().path("spec").has("changed"));
  }

  /** Every operator, against objects that lack the keys, at the latest state and at an old one. */
  @Test
  void selectorsMatchExactlyWhatTheirInMemoryEvaluationMatches() {
    Random random = new Random(42);
    Map<String, ObjectNode> state = new LinkedHashMap<>();
    for (int i = 0; i < 150; i++) {
      ObjectNode obj = randomPerson(random, "sel-" + i);
      state.put("sel-" + i, (ObjectNode) await(store.create(PEOPLE, obj)).tree());
    }
    long old = await(store.currentResourceVersion());
    Map<String, ObjectNode> oldState = new HashMap<>(state);
    // Change half of them (labels and fields), delete some, add some.
    for (int i = 0; i < 150; i += 2) {
      String name = "sel-" + i;
      if (i % 10 == 0) {
        await(store.delete(PEOPLE, new ObjectKey("selectors", name), Preconditions.NONE));
        state.remove(name);
      } else {
        ObjectNode next = randomPerson(random, name);
        state.put(name, (ObjectNode) await(store.guaranteedUpdate(PEOPLE, new ObjectKey("selectors", name),
            Preconditions.NONE, current -> next, WriteCheck.NONE)).tree());
      }
    }
    for (int i = 150; i < 180; i++) {
      state.put("sel-" + i, (ObjectNode) await(store.create(PEOPLE, randomPerson(random, "sel-" + i))).tree());
    }
    List<String> labelSelectors = List.of("", "env=prod", "env==prod", "env!=prod", "env in (prod,dev)",
        "env notin (prod,dev)", "env", "!env", "tier=", "tier!=", "size>3", "size<3", "size>0", "env=prod,tier",
        "env!=prod,!tier", "env in (prod),size<5", "team notin (a),!env", "crm.milo.io/source=web", "!crm.milo.io/source",
        "crm.milo.io/source notin (web,ads),env");
    List<String> fieldSelectors = List.of("", "spec.companyRef.name=acme", "spec.companyRef.name!=acme",
        "spec.companyRef.name=", "spec.companyRef.name!=", "metadata.name=sel-3", "metadata.name!=sel-3,spec.companyRef.name=globex",
        "metadata.namespace=selectors", "metadata.namespace!=selectors", "status.phase=Active");
    for (String ls : labelSelectors) {
      for (String fs : fieldSelectors) {
        LabelSelector labels = LabelSelector.parse(ls);
        FieldSelector fields = FieldSelector.parse(fs);
        ListOptions options = ListOptions.all("selectors").withSelectors(labels, fields).withLimit(7);
        assertThat(names(listAll(options))).as("latest, -l '%s' --field-selector '%s'", ls, fs)
            .containsExactlyElementsOf(expected(state, labels, fields));
        ListOptions atOld = options.withResourceVersion(Long.toString(old), ResourceVersionMatch.EXACT);
        assertThat(names(listAll(atOld))).as("at %d, -l '%s' --field-selector '%s'", old, ls, fs)
            .containsExactlyElementsOf(expected(oldState, labels, fields));
      }
    }
  }

  private static ObjectNode randomPerson(Random random, String name) {
    Map<String, String> labels = new HashMap<>();
    pick(random, labels, "env", "prod", "dev", "test");
    pick(random, labels, "tier", "", "gold");
    pick(random, labels, "size", "1", "3", "7", "-2", "x", "+4", "99999999999999999999");
    pick(random, labels, "team", "a", "b");
    pick(random, labels, "crm.milo.io/source", "web", "ads", "newsletter-signup");
    String[] companies = {null, "acme", "globex", ""};
    ObjectNode obj = person("selectors", name, labels, companies[random.nextInt(companies.length)]);
    if (random.nextBoolean()) {
      obj.putObject("status").put("phase", random.nextBoolean() ? "Active" : "Gone");
    }
    return obj;
  }

  private static void pick(Random random, Map<String, String> labels, String key, String... values) {
    int i = random.nextInt(values.length + 1);
    if (i < values.length) {
      labels.put(key, values[i]);
    }
  }

  private static List<String> expected(Map<String, ObjectNode> state, LabelSelector labels, FieldSelector fields) {
    return state.values().stream()
        .filter(o -> labels.matches(Json.labels(o)))
        .filter(o -> {
          Map<String, String> values = new HashMap<>(Json.fields(o, PEOPLE.selectableFields()));
          values.put("metadata.name", o.path("metadata").path("name").asText());
          values.put("metadata.namespace", o.path("metadata").path("namespace").asText());
          return fields.matches(values);
        })
        .map(o -> o.path("metadata").path("name").asText())
        .sorted()
        .toList();
  }

  @Test
  void anExactResourceVersionListsThatStateAndNotOlderThanListsTheLatest() {
    StoredObject a = await(store.create(PEOPLE, person("versions", "a")));
    await(store.create(PEOPLE, person("versions", "b")));
    ListOptions base = ListOptions.all("versions");
    assertThat(names(await(store.list(PEOPLE, base.withResourceVersion(Long.toString(a.resourceVersion()),
        ResourceVersionMatch.EXACT))).items())).containsExactly("a");
    // A number with a limit and no match is the legacy exact form.
    assertThat(names(await(store.list(PEOPLE, base.withLimit(10).withResourceVersion(Long.toString(a.resourceVersion()),
        null))).items())).containsExactly("a");
    ListResult notOlder = await(store.list(PEOPLE, base.withResourceVersion(Long.toString(a.resourceVersion()),
        ResourceVersionMatch.NOT_OLDER_THAN)));
    assertThat(names(notOlder.items())).containsExactly("a", "b");
    assertThat(notOlder.resourceVersion()).isGreaterThan(a.resourceVersion());
    assertThat(names(await(store.list(PEOPLE, base.withResourceVersion("0", null))).items())).containsExactly("a", "b");
  }

  @Test
  void aResourceVersionFromTheFutureIsTooLargeAfterTheWait() {
    long head = await(store.currentResourceVersion());
    Throwable error = failure(store.list(PEOPLE, ListOptions.all("versions")
        .withResourceVersion(Long.toString(head + 1000), ResourceVersionMatch.NOT_OLDER_THAN)));
    assertThat(error).isInstanceOf(StorageException.TooLargeResourceVersion.class);
  }

  @Test
  void malformedRequestsAreRefused() {
    assertThat(failure(store.list(PEOPLE, ListOptions.all("x").withContinue("not a token"))))
        .isInstanceOf(StorageException.BadRequest.class).hasMessageStartingWith("continue key is not valid");
    for (int i = 0; i < 3; i++) {
      await(store.create(PEOPLE, person("bad", "o" + i)));
    }
    ListResult first = await(store.list(PEOPLE, ListOptions.all("bad").withLimit(1)));
    assertThat(failure(store.list(PEOPLE, ListOptions.all("bad").withLimit(1).withContinue(first.continueToken())
        .withResourceVersion("5", null))))
        .isInstanceOf(StorageException.BadRequest.class)
        .hasMessage("specifying resource version is not allowed when using continue");
    assertThat(failure(store.list(PEOPLE, ListOptions.all("bad").withSelectors(null, FieldSelector.parse("spec.other=1")))))
        .isInstanceOf(SelectorParseException.class).hasMessage("field label not supported: spec.other");
    assertThat(failure(store.list(PEOPLE, ListOptions.all("bad").withResourceVersion("abc", null))))
        .isInstanceOf(StorageException.BadRequest.class);
  }

  @Test
  void aContinueTokenOlderThanHistoryIsExpiredWithAnInconsistentContinuation() {
    for (int i = 0; i < 5; i++) {
      await(store.create(PEOPLE, person("compacted", "c" + i)));
    }
    ListResult first = await(store.list(PEOPLE, ListOptions.all("compacted").withLimit(2)));
    StoredObject late = await(store.create(PEOPLE, person("compacted", "c9")));
    await(store.compactUpTo(late.resourceVersion()));

    Throwable error = failure(store.list(PEOPLE, ListOptions.all("compacted").withLimit(2)
        .withContinue(first.continueToken())));
    assertThat(error).isInstanceOf(StorageException.Expired.class)
        .hasMessageStartingWith("The provided continue parameter is too old");
    String inconsistent = ((StorageException.Expired) error).continueToken();
    assertThat(inconsistent).isNotNull();
    List<StoredObject> rest = listAll(ListOptions.all("compacted").withLimit(2).withContinue(inconsistent));
    assertThat(names(rest)).containsExactly("c2", "c3", "c4", "c9");

    assertThat(failure(store.list(PEOPLE, ListOptions.all("compacted")
        .withResourceVersion(Long.toString(first.resourceVersion()), ResourceVersionMatch.EXACT))))
        .isInstanceOf(StorageException.Expired.class)
        .hasMessage("The resourceVersion for the provided list is too old.");
  }

  @Test
  void aContinuedPageThatFindsNothingAtItsSnapshotIsExpiredNotTheEndOfTheList() {
    for (int i = 0; i < 4; i++) {
      await(store.create(PEOPLE, person("lost", "l" + i)));
    }
    ListResult first = await(store.list(PEOPLE, ListOptions.all("lost").withLimit(1)));
    assertThat(names(first.items())).containsExactly("l0");
    assertThat(first.continueToken()).isNotNull();
    // The rest of the snapshot vanishes from under the continuation without the floor moving (as if
    // its rows and history were lost to this read): the previous page saw l1, so an empty page here
    // cannot be the end of the list.
    var pool = io.vertx.pgclient.PgBuilder.pool().connectingTo(database).using(vertx).build();
    try {
      await(pool.query("DELETE FROM objects WHERE namespace = 'lost' AND name <> 'l0'").execute());
      await(pool.query("DELETE FROM events WHERE namespace = 'lost' AND name <> 'l0'").execute());
    } finally {
      await(pool.close());
    }

    Throwable error = failure(store.list(PEOPLE, ListOptions.all("lost").withLimit(1)
        .withContinue(first.continueToken())));
    assertThat(error).isInstanceOf(StorageException.Expired.class)
        .hasMessageStartingWith("The provided continue parameter is too old");
    assertThat(((StorageException.Expired) error).continueToken()).isNotNull();
  }

  @Test
  void aLongPagedListIsExactlyItsSnapshotWhileOthersWriteAndHistoryIsCompactedToIt() {
    Map<String, Long> snapshot = new TreeMap<>();
    for (int i = 0; i < 1200; i++) {
      StoredObject created = await(store.create(PEOPLE, person("churn", String.format("c%04d", i))));
      snapshot.put(created.key().name(), created.resourceVersion());
    }
    ListOptions options = ListOptions.all("churn").withLimit(100);
    ListResult page = await(store.list(PEOPLE, options));
    long rv = page.resourceVersion();
    Map<String, Long> listed = new TreeMap<>();
    page.items().forEach(o -> listed.put(o.key().name(), o.resourceVersion()));
    Random random = new Random(7);
    int pages = 1;
    int created = 0;
    while (page.continueToken() != null) {
      // Writes after the snapshot: updates and deletes of objects not listed yet, and creates.
      for (int w = 0; w < 5; w++) {
        String name = String.format("c%04d", 100 * pages + random.nextInt(Math.max(1, 1200 - 100 * pages)));
        StoredObject current = failureOrNull(store.get(PEOPLE, new ObjectKey("churn", name)));
        if (current == null) {
          continue;
        }
        if (w % 2 == 0) {
          ObjectNode next = current.tree().deepCopy();
          next.with("metadata").with("labels").put("round", Integer.toString(pages));
          await(store.update(PEOPLE, next, Preconditions.NONE));
        } else {
          await(store.delete(PEOPLE, current.key(), Preconditions.NONE));
        }
      }
      await(store.create(PEOPLE, person("churn", String.format("c%04d-new%d", 100 * pages, created++))));
      // Compaction up to the list's own resourceVersion: every event at or below it goes, the floor
      // reaches it; the later events that rebuild the snapshot stay, so the list goes on.
      if (pages % 3 == 0) {
        assertThat(await(store.compactUpTo(rv))).isEqualTo(rv);
      }
      page = await(store.list(PEOPLE, options.withContinue(page.continueToken())));
      assertThat(page.resourceVersion()).isEqualTo(rv);
      assertThat(page.items()).isNotEmpty();
      page.items().forEach(o -> assertThat(listed.put(o.key().name(), o.resourceVersion())).isNull());
      pages++;
    }
    assertThat(pages).isEqualTo(12);
    assertThat(listed).isEqualTo(snapshot);
  }

  private static StoredObject failureOrNull(Future<StoredObject> future) {
    try {
      return await(future);
    } catch (StorageException.NotFound e) {
      return null;
    }
  }
}
