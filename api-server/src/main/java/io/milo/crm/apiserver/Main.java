package io.milo.crm.apiserver;

import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Main starts the server: database (embedded unless --db-url), store, HTTP endpoints. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(ServerOptions.help());
      return;
    }
    ServerOptions options;
    try {
      options = ServerOptions.parse(args, System::getenv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n\n" + ServerOptions.help());
      System.exit(2);
      return;
    }
    // The kind declarations are checked before anything starts: a wiring mistake fails here, never in a request.
    LOG.info("declared kinds: {}", io.milo.crm.apiserver.kinds.Kinds.all().stream()
        .map(k -> k.plural() + "." + k.group()).toList());
    EmbeddedDatabase embedded = null;
    PgConnectOptions database;
    if (options.databaseUrl() == null) {
      embedded = EmbeddedDatabase.start(options.dataDir());
      database = embedded.connectOptions();
      LOG.info("started an embedded PostgreSQL on port {} with data in {}", database.getPort(),
          options.dataDir().resolve("postgres").toAbsolutePath());
    } else {
      database = PgConnectOptions.fromUri(options.databaseUrl());
    }
    Vertx vertx = Vertx.vertx();
    Store store = Store.open(vertx, StoreOptions.defaults(database)).toCompletionStage().toCompletableFuture().get();
    HealthServer server = HealthServer.start(vertx, store, options.bindAddress(), options.port())
        .toCompletionStage().toCompletableFuture().get();
    LOG.info("serving on http://{}:{} (health: /healthz, /livez, /readyz); store at resourceVersion {}",
        options.bindAddress(), server.port(), store.observedResourceVersion());
    EmbeddedDatabase toStop = embedded;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        store.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("shutdown did not finish cleanly: {}", e.toString());
      }
      if (toStop != null) {
        toStop.close();
      }
    }, "shutdown"));
  }
}
