package io.milo.crm.apiserver;

import io.milo.crm.apiserver.auth.AnyClientCertificate;
import io.milo.crm.apiserver.auth.RequestGate;
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
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import io.milo.crm.admission.UserInfo;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ApiServer is the HTTPS face: health endpoints for probes (no authentication), then, for a client
 * the {@link RequestGate} authenticates and authorizes, {@code /version}, discovery and OpenAPI (from
 * memory, so they answer while the database is down), and the resources. HTTP/2 (up to 1000
 * concurrent streams, as the aggregator multiplexes every request over one connection) and HTTP/1.1.
 * TLS requests, never requires, a client certificate and accepts any at the handshake: the gate
 * verifies it against the CAs of the moment. The serving certificate files are watched and reloaded
 * when they change.
 */
final class ApiServer {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  static final String VERSION = ServerVersion.json();
  static final Duration CERTIFICATE_CHECK = Duration.ofSeconds(10);

  /** What the server serves. */
  record Services(Store store, Discovery discovery, OpenApiDocuments openapi, ResourceApi resources,
      RequestGate gate) {}

  private final HttpServer server;
  private final long certificateTimer;
  private final Vertx vertx;

  private ApiServer(Vertx vertx, HttpServer server, long certificateTimer) {
    this.vertx = vertx;
    this.server = server;
    this.certificateTimer = certificateTimer;
  }

  static Future<ApiServer> start(Vertx vertx, Services services, ServingCertificate certificate, String host, int port) {
    return start(vertx, services, certificate, host, port, CERTIFICATE_CHECK);
  }

  static Future<ApiServer> start(Vertx vertx, Services services, ServingCertificate certificate, String host, int port,
      Duration certificateCheck) {
    String[] loaded = {certificateFiles(certificate)};
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setCompressionSupported(false)
        .setKeyCertOptions(keyCert(loaded[0]))
        .setClientAuth(ClientAuth.REQUEST)
        .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(1000));
    HttpServer server = vertx.createHttpServer(options);
    server.requestHandler(request -> handle(vertx, services, request));
    return server.listen().map(s -> {
      long timer = vertx.setPeriodic(certificateCheck.toMillis(), id -> vertx.<String>executeBlocking(
          () -> certificateFiles(certificate), false).onSuccess(now -> {
            if (!now.equals(loaded[0])) {
              loaded[0] = now;
              ServerSSLOptions ssl = options.getSslOptions().copy().setKeyCertOptions(keyCert(now));
              s.updateSSLOptions(ssl, true).onComplete(ar -> {
                if (ar.succeeded()) {
                  LOG.info("reloaded the serving certificate from {}", certificate.certificateFile());
                } else {
                  LOG.warn("could not reload the serving certificate: {}", ar.cause().toString());
                }
              });
            }
          }));
      return new ApiServer(vertx, s, timer);
    });
  }

  /** The certificate and key files' text (certificate, then key), as the server loads them. */
  private static String certificateFiles(ServingCertificate certificate) {
    try {
      return java.nio.file.Files.readString(certificate.certificateFile()) + "\u0000"
          + java.nio.file.Files.readString(certificate.keyFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not read the serving certificate", e);
    }
  }

  private static PemKeyCertOptions keyCert(String files) {
    int split = files.indexOf('\u0000');
    return new PemKeyCertOptions().addCertValue(Buffer.buffer(files.substring(0, split)))
        .addKeyValue(Buffer.buffer(files.substring(split + 1)));
  }

  int port() {
    return server.actualPort();
  }

  /** Stops watching the certificate files (the server itself closes with Vert.x). */
  void stopWatching() {
    vertx.cancelTimer(certificateTimer);
  }

  private static void handle(Vertx vertx, Services services, HttpServerRequest request) {
    switch (request.path()) {
      case "/livez", "/healthz" -> request.response().putHeader("Content-Type", "text/plain").end("ok");
      case "/readyz" -> services.store().currentResourceVersion().onComplete(ar -> {
        boolean ready = ar.succeeded() && services.store().healthy();
        request.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", "text/plain")
            .end(ready ? "ok" : "not ready: the database does not answer");
      });
      default -> services.gate().handle(vertx, request, (admitted, user) -> authorized(services, admitted, user));
    }
  }

  private static void authorized(Services services, HttpServerRequest request, UserInfo user) {
    if (services.resources().handle(request, user)) {
      return;
    }
    // Nothing below reads a body; let any arrive and be dropped.
    request.resume();
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
