package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The health endpoints over real HTTP, with a store on a real PostgreSQL. */
class HealthServerIT {
  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void readyWhenTheDatabaseAnswersAndNotFoundElsewhere() throws Exception {
    Vertx vertx = Vertx.vertx();
    Store store = await(Store.open(vertx, StoreOptions.defaults(TestDatabase.newDatabase()).withPoolSize(4)));
    try {
      HealthServer server = await(HealthServer.start(vertx, store, "127.0.0.1", 0));
      HttpClient client = vertx.createHttpClient();
      for (String path : new String[] {"/readyz", "/livez", "/healthz"}) {
        int status = await(client.request(HttpMethod.GET, server.port(), "127.0.0.1", path)
            .compose(req -> req.send()).map(resp -> resp.statusCode()));
        assertThat(status).as(path).isEqualTo(200);
      }
      int missing = await(client.request(HttpMethod.GET, server.port(), "127.0.0.1", "/apis")
          .compose(req -> req.send()).map(resp -> resp.statusCode()));
      assertThat(missing).isEqualTo(404);
    } finally {
      await(store.close());
      await(vertx.close());
    }
  }
}
