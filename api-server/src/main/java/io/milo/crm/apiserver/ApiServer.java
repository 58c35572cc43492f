package io.milo.crm.apiserver;

import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.apiserver.discovery.Discovery;
import io.milo.crm.apiserver.openapi.OpenApiDocuments;
import io.milo.crm.apiserver.rest.ApiError;
import io.milo.crm.apiserver.rest.ResourceApi;
import io.milo.crm.apiserver.rest.Responses;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.milo.crm.storage.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.milo.crm.admission.UserInfo;
import java.util.List;
import java.util.Map;

/**
 * ApiServer is the HTTPS face: health endpoints for probes (no authentication), then, for an
 * authenticated client, {@code /version}, discovery and OpenAPI (from memory, so they answer while
 * the database is down), and the resources. HTTP/2 (up to 1000 concurrent streams, as the aggregator
 * multiplexes every request over one connection) and HTTP/1.1.
 */
final class ApiServer {
  static final String VERSION = ServerVersion.json();
  /** Who the development admin token authenticates as. */
  static final UserInfo ADMIN = new UserInfo("admin", "", List.of("system:masters", "system:authenticated"), Map.of());

  /** What the server serves. */
  record Services(Store store, Discovery discovery, OpenApiDocuments openapi, ResourceApi resources,
      TokenAuthenticator auth) {}

  private final HttpServer server;

  private ApiServer(HttpServer server) {
    this.server = server;
  }

  static Future<ApiServer> start(Vertx vertx, Services services, ServingCertificate certificate, String host, int port) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setCompressionSupported(false)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(certificate.certificateFile().toString())
            .setKeyPath(certificate.keyFile().toString()))
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(1000));
    HttpServer server = vertx.createHttpServer(options);
    server.requestHandler(request -> handle(services, request));
    return server.listen().map(ApiServer::new);
  }

  int port() {
    return server.actualPort();
  }

  private static void handle(Services services, HttpServerRequest request) {
    switch (request.path()) {
      case "/livez", "/healthz" -> request.response().putHeader("Content-Type", "text/plain").end("ok");
      case "/readyz" -> services.store().currentResourceVersion().onComplete(ar -> {
        boolean ready = ar.succeeded() && services.store().healthy();
        request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "text/plain")
            .end(ready ? "ok" : "not ready: the database does not answer");
      });
      default -> authenticated(services, request);
    }
  }

  private static void authenticated(Services services, HttpServerRequest request) {
    if (!services.auth().accepts(request.getHeader("Authorization"))) {
      Responses.error(request.response(), null, ApiError.of(401, "Unauthorized", "Unauthorized"));
      return;
    }
    if (services.resources().handle(request, ADMIN)) {
      return;
    }
    String path = request.path();
    if (io.milo.crm.apiserver.rest.ResourcePath.parse(path).isPresent()
        && services.discovery().answer(path, null, null).isEmpty()) {
      Responses.error(request.response(), null, ApiError.pathNotFound()); // a resource this server does not serve
      return;
    }
    boolean readOnlyPath = path.equals("/version") || path.equals("/apis") || path.startsWith("/apis/")
        || path.startsWith("/openapi/");
    if (readOnlyPath && request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      Responses.error(request.response(), null, ApiError.methodNotAllowed());
      return;
    }
    if (path.equals("/version")) {
      request.response().putHeader("Content-Type", "application/json").end(VERSION);
      return;
    }
    String accept = request.getHeader("Accept");
    String ifNoneMatch = request.getHeader("If-None-Match");
    var discovery = services.discovery().answer(path, accept, ifNoneMatch);
    if (discovery.isPresent()) {
      write(request, discovery.get().status(), discovery.get().headers(), discovery.get().body());
      return;
    }
    var openapi = services.openapi().answer(path, request.getParam("hash"), ifNoneMatch, accept);
    if (openapi.isPresent()) {
      write(request, openapi.get().status(), openapi.get().headers(), openapi.get().body());
      return;
    }
    Responses.error(request.response(), null, ApiError.pathNotFound());
  }

  private static void write(HttpServerRequest request, int status, Map<String, String> headers, byte[] body) {
    var response = request.response().setStatusCode(status);
    headers.forEach(response::putHeader);
    response.end(Buffer.buffer(body));
  }
}
