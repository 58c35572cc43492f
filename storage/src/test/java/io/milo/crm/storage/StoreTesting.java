package io.milo.crm.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** StoreTesting opens stores on fresh databases and blocks on futures, for the storage tests. */
final class StoreTesting {
  static final ResourceType PEOPLE = new ResourceType("crm.milo.io", "people", true,
      List.of("spec.companyRef.name", "status.phase"));
  static final ResourceType COMPANIES = new ResourceType("crm.milo.io", "companies", false, List.of());

  private StoreTesting() {}

  static StoreOptions options(PgConnectOptions db) {
    return StoreOptions.defaults(db).withPoolSize(8).withPollInterval(Duration.ofMillis(500));
  }

  static Store open(Vertx vertx, StoreOptions options) {
    return await(Store.open(vertx, options));
  }

  static PgConnectOptions newDatabase() {
    return TestDatabase.newDatabase();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The failure of a future that must fail. */
  static Throwable failure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("expected the operation to fail, but it succeeded");
  }

  static ObjectNode person(String namespace, String name, Map<String, String> labels, String company) {
    ObjectNode obj = Json.MAPPER.createObjectNode();
    obj.put("apiVersion", "crm.milo.io/v1alpha1");
    obj.put("kind", "Person");
    ObjectNode meta = obj.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("uid", java.util.UUID.randomUUID().toString());
    if (!labels.isEmpty()) {
      ObjectNode l = meta.putObject("labels");
      labels.forEach(l::put);
    }
    ObjectNode spec = obj.putObject("spec");
    spec.put("givenName", name);
    if (company != null) {
      spec.putObject("companyRef").put("name", company);
    }
    return obj;
  }

  static ObjectNode person(String namespace, String name) {
    return person(namespace, name, Map.of(), null);
  }
}
