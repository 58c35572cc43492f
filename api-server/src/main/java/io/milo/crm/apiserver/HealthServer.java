package io.milo.crm.apiserver;

import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * HealthServer answers the health endpoints Kubernetes probes use: {@code /livez} and
 * {@code /healthz} (the process runs) and {@code /readyz} (the database answers and this process
 * has caught up with the event log). Anything else is 404.
 */
final class HealthServer {
  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  static Future<HealthServer> start(Vertx vertx, Store store, String host, int port) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
    server.requestHandler(request -> handle(store, request));
    return server.listen().map(HealthServer::new);
  }

  int port() {
    return server.actualPort();
  }

  private static void handle(Store store, HttpServerRequest request) {
    String path = request.path();
    switch (path) {
      case "/livez", "/healthz" -> request.response().putHeader("Content-Type", "text/plain").end("ok");
      case "/readyz" -> store.currentResourceVersion().onComplete(ar -> {
        boolean ready = ar.succeeded() && store.healthy();
        request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "text/plain")
            .end(ready ? "ok" : "not ready: the database does not answer");
      });
      default -> request.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("not found");
    }
  }
}
