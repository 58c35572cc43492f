package io.milo.crm.storage;

import static io.milo.crm.storage.StoreTesting.await;
import static io.milo.crm.storage.StoreTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index terms: the objects whose list holds an element are found in one lookup, and follow updates and
 * deletes. Unique fields: a value held by one object is refused to every other, compared case-insensitively,
 * by a database constraint - also between two processes writing at once - and freed when its holder
 * changes or goes.
 */
class UniqueFieldsIT {
  static final ResourceType CONTACTS = new ResourceType("notification.milo.io", "contacts", true,
      List.of("spec.email"), List.of("spec.email"));
  static final ResourceType PEOPLE = new ResourceType("crm.milo.io", "people", false, List.of(), List.of(),
      List.of(new TermIndex("contactRefs", "spec.contactRefs", List.of("namespace", "name"))));
  static Vertx vertx;
  static Vertx otherVertx;
  static Store store;
  static Store other;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    otherVertx = Vertx.vertx();
    var db = StoreTesting.newDatabase();
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

  static ObjectNode contact(String namespace, String name, String email) {
    ObjectNode contact = Json.MAPPER.createObjectNode().put("apiVersion", "notification.milo.io/v1alpha1").put("kind", "Contact");
    contact.putObject("metadata").put("namespace", namespace).put("name", name).put("uid", "uid-" + name);
    contact.putObject("spec").put("email", email);
    return contact;
  }

  @Test
  void aTakenValueIsRefusedWhateverItsCase() {
    await(store.create(CONTACTS, contact("a", "ada", "Ada@Example.com")));
    Throwable error = failure(store.create(CONTACTS, contact("b", "ada2", "ada@example.COM")));
    assertThat(error).isInstanceOf(StorageException.UniqueValueTaken.class);
    assertThat(((StorageException.UniqueValueTaken) error).field()).isEqualTo("spec.email");
    java.util.Optional<StoredObject> refused = await(store.inTransaction(tx -> tx.find(CONTACTS, new ObjectKey("b", "ada2"))));
    assertThat(refused).isEmpty();

    StoredObject holder = await(store.inTransaction(tx -> tx.findByUnique(CONTACTS, "spec.email", "ADA@example.com"))).orElseThrow();
    assertThat(holder.key()).isEqualTo(new ObjectKey("a", "ada"));
  }

  @Test
  void anUpdateToATakenValueFailsAndAChangeOrDeleteFreesTheValue() {
    await(store.create(CONTACTS, contact("a", "first", "first@example.com")));
    StoredObject second = await(store.create(CONTACTS, contact("a", "second", "second@example.com")));
    ObjectNode taking = second.tree();
    taking.with("spec").put("email", "FIRST@example.com");
    assertThat(failure(store.update(CONTACTS, taking, Preconditions.NONE))).isInstanceOf(StorageException.UniqueValueTaken.class);

    StoredObject first = await(store.get(CONTACTS, new ObjectKey("a", "first")));
    ObjectNode moved = first.tree();
    moved.with("spec").put("email", "moved@example.com");
    await(store.update(CONTACTS, moved, Preconditions.NONE));
    await(store.update(CONTACTS, taking, Preconditions.NONE));
    assertThat(await(store.inTransaction(tx -> tx.findByUnique(CONTACTS, "spec.email", "first@example.com"))).orElseThrow().key().name())
        .isEqualTo("second");

    await(store.delete(CONTACTS, new ObjectKey("a", "second"), Preconditions.NONE));
    await(store.create(CONTACTS, contact("c", "third", "first@example.com")));
  }

  @Test
  void ofManyConcurrentCreatesFromTwoProcessesExactlyOneWins() {
    for (int round = 0; round < 10; round++) {
      List<Future<StoredObject>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Store writer = i % 2 == 0 ? store : other;
        attempts.add(writer.create(CONTACTS, contact("race", "r" + round + "-" + i, "race" + round + "@example.com")));
      }
      int won = 0;
      for (Future<StoredObject> attempt : attempts) {
        try {
          await(attempt);
          won++;
        } catch (RuntimeException e) {
          assertThat(failure(attempt)).isInstanceOf(StorageException.UniqueValueTaken.class);
        }
      }
      assertThat(won).as("round " + round).isEqualTo(1);
    }
  }

  static ObjectNode person(String name, String... contacts) {
    ObjectNode person = Json.MAPPER.createObjectNode().put("apiVersion", "crm.milo.io/v1alpha1").put("kind", "Person");
    person.putObject("metadata").put("name", name).put("uid", "uid-" + name);
    var refs = person.putObject("spec").putArray("contactRefs");
    for (String contact : contacts) {
      refs.addObject().put("namespace", contact.split("/")[0]).put("name", contact.split("/")[1]);
    }
    return person;
  }

  private static List<String> referrers(String contact) {
    return await(store.inTransaction(tx -> tx.findByIndex(PEOPLE, "contactRefs", contact, 10))).stream()
        .map(o -> o.key().name()).toList();
  }

  @Test
  void anIndexFindsTheHoldersOfAListElementAndFollowsWrites() {
    await(store.create(PEOPLE, person("p1", "team/ada", "team/bob")));
    StoredObject p2 = await(store.create(PEOPLE, person("p2", "team/ada")));
    await(store.create(PEOPLE, person("p3", "other/ada")));
    assertThat(referrers("team/ada")).containsExactly("p1", "p2");
    assertThat(referrers("team/bob")).containsExactly("p1");

    ObjectNode moved = p2.tree();
    moved.with("spec").putArray("contactRefs").addObject().put("namespace", "team").put("name", "bob");
    await(store.update(PEOPLE, moved, Preconditions.NONE));
    assertThat(referrers("team/ada")).containsExactly("p1");
    assertThat(referrers("team/bob")).containsExactly("p1", "p2");

    await(store.delete(PEOPLE, ObjectKey.cluster("p1"), Preconditions.NONE));
    assertThat(referrers("team/ada")).isEmpty();
    assertThat(referrers("team/bob")).containsExactly("p2");
    assertThat(referrers("other/ada")).containsExactly("p3");
  }
}
