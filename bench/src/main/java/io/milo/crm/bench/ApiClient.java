package io.milo.crm.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * ApiClient sends requests to the server as client-go does: HTTP/2 over TLS (ALPN h2), one
 * multiplexed connection, Accept: application/json, a bearer token. {@link #watchClient} is a
 * second client whose streams are spread over a few connections, for long-running watches.
 */
final class ApiClient {
  /** One answer: status, body, and how long from sending the request to the whole body. */
  record Response(int status, Buffer body, long nanos) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  static final String JSON = "application/json";
  static final String MERGE_PATCH = "application/merge-patch+json";

  private final HttpClient http;
  private final String token;
  private final Vertx vertx;

  private ApiClient(Vertx vertx, HttpClient http, String token) {
    this.vertx = vertx;
    this.http = http;
    this.token = token;
  }

  /**
   * The context an exchange starts on: the caller's when it runs on one, else a new one (spread over
   * the event loops). The response and its body chunks are delivered on that context in order, and
   * the handlers are attached in the task the response arrives in. A request started from a plain
   * thread had its response listener run as a later task, after body chunks already delivered: the
   * start of the body (or all of it) was lost.
   */
  private Context exchangeContext() {
    return vertx.getOrCreateContext();
  }

  /** The client for ordinary requests: one HTTP/2 connection, as one client-go transport has. */
  static ApiClient create(Vertx vertx, Kubeconfig config) {
    return new ApiClient(vertx, vertx.createHttpClient(options(config), new PoolOptions().setHttp2MaxSize(1)),
        config.token());
  }

  /** The client for many watches: up to connections connections, streamsPerConnection on each. */
  static ApiClient watchClient(Vertx vertx, Kubeconfig config, int connections, int streamsPerConnection) {
    HttpClientOptions options = options(config).setHttp2MultiplexingLimit(streamsPerConnection);
    return new ApiClient(vertx, vertx.createHttpClient(options, new PoolOptions().setHttp2MaxSize(connections)),
        config.token());
  }

  private static HttpClientOptions options(Kubeconfig config) {
    boolean https = "https".equals(config.server().getScheme());
    int port = config.server().getPort() > 0 ? config.server().getPort() : https ? 443 : 80;
    HttpClientOptions options = new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setDefaultHost(config.server().getHost())
        .setDefaultPort(port)
        .setKeepAlive(true)
        .setSsl(https)
        .setUseAlpn(https)
        .setHttp2ClearTextUpgrade(false)
        // client-go's HTTP/2 flow-control windows (golang.org/x/net/http2 transport: 1 GiB per
        // connection, 4 MiB per stream); Vert.x's 64 KiB defaults would throttle a connection that
        // carries hundreds of watches and measure the client, not the server.
        .setHttp2ConnectionWindowSize(1 << 30)
        .setInitialSettings(new io.vertx.core.http.Http2Settings().setInitialWindowSize(4 << 20));
    if (https && config.caPem() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(config.caPem())));
    }
    return options;
  }

  Future<Response> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  Future<Response> post(String path, Buffer body) {
    return send(HttpMethod.POST, path, body, JSON);
  }

  Future<Response> delete(String path) {
    return send(HttpMethod.DELETE, path, null, null);
  }

  Future<Response> mergePatch(String path, Buffer body) {
    return send(HttpMethod.PATCH, path, body, MERGE_PATCH);
  }

  Future<Response> send(HttpMethod method, String path, Buffer body, String contentType) {
    long start = System.nanoTime();
    RequestOptions request = requestOptions(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    Promise<Response> answered = Promise.promise();
    exchangeContext().runOnContext(v -> http.request(request)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b, System.nanoTime() - start)))
        .onComplete(answered));
    return answered.future();
  }

  /**
   * Opens a streaming GET (a watch): the future completes with the response once its headers are
   * in; the caller sets the response's handlers in its callback, before any data is delivered.
   */
  Future<HttpClientResponse> stream(String path) {
    Promise<HttpClientResponse> opened = Promise.promise();
    exchangeContext().runOnContext(v -> http.request(requestOptions(HttpMethod.GET, path).setIdleTimeout(0))
        .compose(req -> req.send()).onComplete(opened));
    return opened.future();
  }

  private RequestOptions requestOptions(HttpMethod method, String path) {
    RequestOptions request = new RequestOptions().setMethod(method).setURI(path)
        .putHeader("Accept", JSON)
        .putHeader("User-Agent", "milo-crm-bench/0.1 (linux/amd64) kubernetes/bench");
    if (token != null) {
      request.putHeader("Authorization", "Bearer " + token);
    }
    return request;
  }

  Future<Void> close() {
    return http.close();
  }
}
