package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * VertxKubeApi is {@link KubeApi} over a non-blocking Vert.x HTTPS client, for one
 * {@link KubeConnection}. Each request has a timeout, so a slow main apiserver turns into an error
 * rather than a hanging request.
 */
public final class VertxKubeApi implements KubeApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MILLIS = 10_000;

  private final HttpClient client;
  private final KubeConnection connection;
  private final URI server;

  public VertxKubeApi(Vertx vertx, KubeConnection connection) {
    this.connection = connection;
    this.server = URI.create(connection.server());
    boolean https = !"http".equals(server.getScheme());
    HttpClientOptions options = new HttpClientOptions().setSsl(https).setKeepAlive(true)
        .setConnectTimeout((int) TIMEOUT_MILLIS);
    if (https) {
      if (connection.insecureSkipVerify()) {
        options.setTrustAll(true).setVerifyHost(false);
      } else if (connection.caPem() != null) {
        options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(connection.caPem())));
      }
      if (connection.clientCertificatePem() != null && connection.clientKeyPem() != null) {
        options.setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(connection.clientCertificatePem()))
            .addKeyValue(Buffer.buffer(connection.clientKeyPem())));
      }
    }
    this.client = vertx.createHttpClient(options);
  }

  @Override
  public CompletionStage<Response> post(String path, JsonNode body) {
    return send(HttpMethod.POST, path, body).toCompletionStage();
  }

  @Override
  public CompletionStage<Response> get(String path) {
    return send(HttpMethod.GET, path, null).toCompletionStage();
  }

  private Future<Response> send(HttpMethod method, String path, JsonNode body) {
    int port = server.getPort() > 0 ? server.getPort() : ("http".equals(server.getScheme()) ? 80 : 443);
    String basePath = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
    RequestOptions options = new RequestOptions().setMethod(method).setHost(server.getHost()).setPort(port)
        .setURI(basePath + path).setIdleTimeout(TIMEOUT_MILLIS)
        .putHeader("Accept", "application/json");
    String token = connection.currentToken();
    if (token != null && !token.isEmpty()) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return client.request(options)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body.toString())))
        .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), parse(bytes))));
  }

  private static JsonNode parse(Buffer bytes) {
    try {
      return JSON.readTree(bytes.toString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return null;
    }
  }

  public Future<Void> close() {
    return client.close();
  }
}
