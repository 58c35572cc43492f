package io.milo.crm.apiserver;

import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.apiserver.discovery.Discovery;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * ApiServer is the HTTPS face: health endpoints for probes (no authentication), then, for an
 * authenticated client, {@code /version} and discovery. HTTP/2 (up to 1000 concurrent streams,
 * as the aggregator multiplexes every request over one connection) and HTTP/1.1.
 */
final class ApiServer {
  static final String VERSION = ServerVersion.json();

  private final HttpServer server;

  private ApiServer(HttpServer server) {
    this.server = server;
  }

  static Future<ApiServer> start(Vertx vertx, Store store, Discovery discovery, TokenAuthenticator auth,
      ServingCertificate certificate, String host, int port) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(certificate.certificateFile().toString())
            .setKeyPath(certificate.keyFile().toString()))
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(1000));
    HttpServer server = vertx.createHttpServer(options);
    server.requestHandler(request -> handle(store, discovery, auth, request));
    return server.listen().map(ApiServer::new);
  }

  int port() {
    return server.actualPort();
  }

  private static void handle(Store store, Discovery discovery, TokenAuthenticator auth, HttpServerRequest request) {
    String path = request.path();
    switch (path) {
      case "/livez", "/healthz" -> request.response().putHeader("Content-Type", "text/plain").end("ok");
      case "/readyz" -> store.currentResourceVersion().onComplete(ar -> {
        boolean ready = ar.succeeded() && store.healthy();
        request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "text/plain")
            .end(ready ? "ok" : "not ready: the database does not answer");
      });
      default -> authenticated(discovery, auth, request);
    }
  }

  private static void authenticated(Discovery discovery, TokenAuthenticator auth, HttpServerRequest request) {
    if (!auth.accepts(request.getHeader("Authorization"))) {
      StatusResponses.failure(request.response(), 401, "Unauthorized", "Unauthorized");
      return;
    }
    if (request.method() != HttpMethod.GET && (request.path().equals("/version")
        || discovery.document(request.path()).isPresent())) {
      StatusResponses.failure(request.response(), 405, "MethodNotAllowed",
          "the server does not allow this method on the requested resource");
      return;
    }
    if (request.path().equals("/version")) {
      request.response().putHeader("Content-Type", "application/json").end(VERSION);
      return;
    }
    var document = discovery.document(request.path());
    if (document.isEmpty()) {
      StatusResponses.failure(request.response(), 404, "NotFound", "the server could not find the requested resource");
      return;
    }
    if (!Accepts.plainJson(request.getHeader("Accept"))) {
      StatusResponses.failure(request.response(), 406, "NotAcceptable",
          "only the following media types are accepted: application/json");
      return;
    }
    request.response().putHeader("Content-Type", "application/json").putHeader("Vary", "Accept").end(document.get());
  }
}
