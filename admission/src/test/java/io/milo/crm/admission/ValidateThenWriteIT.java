package io.milo.crm.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.StorageException;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionChain#validateThenWrite} on a real store: the write goes out behind the validators'
 * reads, yet they judge the state before it, a refusal undoes it, and a validator that reads after
 * waiting is refused rather than shown the write.
 */
class ValidateThenWriteIT {
  private static final ResourceType THINGS = new ResourceType("test.milo.io", "things", false, List.of());
  private static final UserInfo USER = new UserInfo("tester", "", List.of(), Map.of());
  private static Vertx vertx;
  private static Store store;

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
    store = await(Store.open(vertx, StoreOptions.defaults(TestDatabase.newDatabase()).withPoolSize(4)
        .withPollInterval(Duration.ofMillis(500))));
  }

  @AfterAll
  static void close() {
    await(store.close());
    await(vertx.close());
  }

  @Test
  void validatorsReadTheStateBeforeTheWriteTheyValidate() {
    // The validator looks for the object being created: had its read run after the write, it would find it.
    List<Optional<StoredObject>> seen = new java.util.ArrayList<>();
    AdmissionChain chain = chain(validator((request, tx) -> tx.find(THINGS, new ObjectKey("", request.name()))
        .map(found -> {
          seen.add(found);
          return null;
        })));
    StoredObject written = await(store.inTransaction(tx -> chain.validateThenWrite(create("fresh"), tx,
        () -> tx.create(THINGS, thing("fresh")))));
    assertThat(seen).containsExactly(Optional.empty());
    assertThat(await(store.get(THINGS, new ObjectKey("", "fresh"))).resourceVersion()).isEqualTo(written.resourceVersion());
  }

  @Test
  void aRefusalUndoesTheWriteAndWinsOverTheWritesOwnFailure() {
    await(store.create(THINGS, thing("taken")));
    AdmissionChain refusing = chain(validator((request, tx) -> tx.find(THINGS, new ObjectKey("", "nothing-here"))
        .compose(found -> Future.failedFuture(AdmissionException.invalid(request,
            AdmissionException.invalidValue("spec.colour", "red", "not today"))))));
    Throwable refusedNew = failure(store.inTransaction(tx -> refusing.validateThenWrite(create("refused"), tx,
        () -> tx.create(THINGS, thing("refused")))));
    assertThat(refusedNew).isInstanceOf(AdmissionException.class).hasMessageContaining("not today");
    assertThat(failure(store.get(THINGS, new ObjectKey("", "refused")))).isInstanceOf(StorageException.NotFound.class);
    // The write itself fails too (the name is taken); the client hears the validator, as upstream.
    Throwable refusedTaken = failure(store.inTransaction(tx -> refusing.validateThenWrite(create("taken"), tx,
        () -> tx.create(THINGS, thing("taken")))));
    assertThat(refusedTaken).isInstanceOf(AdmissionException.class);
    // Accepted, the write's own failure is what the unit reports.
    AdmissionChain accepting = chain(validator((request, tx) -> tx.find(THINGS, new ObjectKey("", "x")).mapEmpty()));
    assertThat(failure(store.inTransaction(tx -> accepting.validateThenWrite(create("taken"), tx,
        () -> tx.create(THINGS, thing("taken")))))).isInstanceOf(StorageException.AlreadyExists.class);
  }

  @Test
  void aValidatorThatReadsAfterWaitingIsRefusedAndNothingIsWritten() {
    AdmissionChain chained = chain(validator((request, tx) -> tx.find(THINGS, new ObjectKey("", "a"))
        .compose(first -> tx.find(THINGS, new ObjectKey("", "b"))).mapEmpty()));
    Throwable refused = failure(store.inTransaction(tx -> chained.validateThenWrite(create("late"), tx,
        () -> tx.create(THINGS, thing("late")))));
    assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("send every read at once");
    assertThat(failure(store.get(THINGS, new ObjectKey("", "late")))).isInstanceOf(StorageException.NotFound.class);
  }

  @Test
  void everyValidatorRunsAndTheFirstRefusalInPluginOrderIsReported() {
    List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
    AdmissionChain chain = chain(
        validator((request, tx) -> tx.find(THINGS, new ObjectKey("", "x")).compose(v -> {
          ran.add("first");
          return Future.failedFuture(new IllegalArgumentException("first refuses"));
        })),
        validator((request, tx) -> {
          ran.add("second");
          return Future.failedFuture(new IllegalArgumentException("second refuses"));
        }));
    Throwable refused = failure(store.inTransaction(tx -> chain.validateThenWrite(create("order"), tx,
        () -> tx.create(THINGS, thing("order")))));
    assertThat(refused).hasMessage("first refuses");
    assertThat(ran).containsExactlyInAnyOrder("first", "second");
  }

  private interface Check {
    Future<Void> validate(AdmissionAttributes request, io.milo.crm.storage.Tx tx);
  }

  private static AdmissionPlugin validator(Check check) {
    return new AdmissionPlugin() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public boolean handles(AdmissionAttributes attributes) {
        return true;
      }

      @Override
      public Future<Void> validate(AdmissionAttributes attributes, io.milo.crm.storage.Tx tx) {
        return check.validate(attributes, tx);
      }
    };
  }

  private static AdmissionChain chain(AdmissionPlugin... plugins) {
    return new AdmissionChain(List.of(plugins));
  }

  private static AdmissionAttributes create(String name) {
    return new AdmissionAttributes(Operation.CREATE, THINGS.group(), "v1", "Thing", THINGS.resource(), "", "", name,
        thing(name), null, USER, false, new java.util.ArrayList<>());
  }

  private static ObjectNode thing(String name) {
    ObjectNode object = JsonNodeFactory.instance.objectNode().put("apiVersion", "test.milo.io/v1").put("kind", "Thing");
    object.putObject("metadata").put("name", name);
    return object;
  }

  private static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
