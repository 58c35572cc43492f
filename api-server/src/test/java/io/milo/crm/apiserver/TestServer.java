package io.milo.crm.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.auth.AuthOptions;
import io.milo.crm.apiserver.auth.AuthStack;
import io.milo.crm.apiserver.auth.TokenAuthenticator;
import java.util.function.Function;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * TestServer is the whole server as a test starts it: a fresh database, the store, the HTTPS server
 * on a random port with a self-signed certificate and an admin token, a kubeconfig for kubectl, and
 * an HTTP/2 client that trusts the certificate.
 */
public final class TestServer implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  public final Vertx vertx;
  final Store store;
  final ApiServer server;
  public final HttpClient client;
  public final Path dir;
  public final Path kubeconfig;
  final ServingCertificate certificate;
  public final TokenAuthenticator auth;
  final PgConnectOptions database;

  private TestServer(Vertx vertx, Store store, ApiServer server, HttpClient client, Path dir, Path kubeconfig,
      ServingCertificate certificate, TokenAuthenticator auth, PgConnectOptions database) {
    this.vertx = vertx;
    this.store = store;
    this.server = server;
    this.client = client;
    this.dir = dir;
    this.kubeconfig = kubeconfig;
    this.certificate = certificate;
    this.auth = auth;
    this.database = database;
  }

  public static TestServer start() throws Exception {
    return start(TestDatabase.newDatabase(), null, new InFlightLimiter(400, 200), 0);
  }

  /** A server on database, keeping its files in dir (null: a new temporary directory). */
  static TestServer start(PgConnectOptions database, Path dir, InFlightLimiter limiter, int port) throws Exception {
    return start(database, dir, limiter, port, AuthOptions::standalone);
  }

  /** A server whose authentication and authorization options are made from its admin token. */
  public static TestServer start(PgConnectOptions database, Path dir, InFlightLimiter limiter, int port,
      Function<TokenAuthenticator, AuthOptions> authOptions) throws Exception {
    Vertx vertx = Vertx.vertx();
    Path home = dir != null ? dir : Files.createTempDirectory("api-server-it");
    Store store = await(Store.open(vertx, StoreOptions.defaults(database).withPoolSize(4)));
    ServingCertificate certificate = ServingCertificate.selfSigned(home, List.of("localhost", "127.0.0.1"));
    TokenAuthenticator auth = TokenAuthenticator.adminToken(home);
    AuthStack authStack = await(AuthStack.start(vertx, authOptions.apply(auth)));
    ApiServer server = await(ApiServer.start(vertx, Main.services(vertx, store, authStack.gate(), limiter, new String[] {"default", "newsletter"}), certificate,
        "127.0.0.1", port));
    Path kubeconfig = home.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), certificate.certificatePem(), auth.token());
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certificateFile().toString())));
    return new TestServer(vertx, store, server, client, home, kubeconfig, certificate, auth, database);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() throws Exception {
    await(client.close());
    await(store.close());
    await(vertx.close());
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** A response as a test reads it. */
  public record Response(String version, int status, MultiMap headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.get(name);
    }
  }

  /** A request with the admin token. */
  public Response request(HttpMethod method, String path, Map<String, String> headers, String body) throws Exception {
    return request(method, path, headers, body, "Bearer " + auth.token());
  }

  public Response request(HttpMethod method, String path, Map<String, String> headers, String body, String authorization)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("localhost").setPort(port()).setURI(path);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    headers.forEach(options::putHeader);
    // Started on a Vert.x context, so the body handler is attached in the task the response arrives in.
    io.vertx.core.Promise<Response> answered = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> client.request(options)
        .compose(req -> (body == null ? req.send() : req.send(Buffer.buffer(body)))
            .compose(resp -> resp.body().map(b -> new Response(resp.version().name(), resp.statusCode(), resp.headers(),
                b.toString()))))
        .onComplete(answered));
    return await(answered.future());
  }

  public Response get(String path) throws Exception {
    return request(HttpMethod.GET, path, Map.of(), null);
  }

  public Response get(String path, String accept) throws Exception {
    return request(HttpMethod.GET, path, Map.of("Accept", accept), null);
  }

  public Response post(String path, String json) throws Exception {
    return request(HttpMethod.POST, path, Map.of("Content-Type", "application/json"), json);
  }

  public Response put(String path, String json) throws Exception {
    return request(HttpMethod.PUT, path, Map.of("Content-Type", "application/json"), json);
  }

  public Response patch(String path, String contentType, String body) throws Exception {
    return request(HttpMethod.PATCH, path, Map.of("Content-Type", contentType), body);
  }

  public Response delete(String path, String body) throws Exception {
    return request(HttpMethod.DELETE, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
  }
}
