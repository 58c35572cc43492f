package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.apiserver.discovery.Discovery;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.tls.ServingCertificate;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoreOptions;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTPS server with the real kubectl (oldest and newest supported) and a real HTTP/2 client:
 * self-signed TLS trusted through the written kubeconfig, the admin token, /version and
 * discovery from the kind declarations, and the Status errors of the kube-apiserver.
 */
class ApiServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What the kube-aggregator asks for: aggregated discovery only. */
  private static final String AGGREGATED_ONLY = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  static Vertx vertx;
  static Store store;
  static ApiServer server;
  static HttpClient client;
  static Path dir;
  static Path kubeconfig;
  static ServingCertificate certificate;
  static TokenAuthenticator auth;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("api-server-it");
    store = await(Store.open(vertx, StoreOptions.defaults(TestDatabase.newDatabase()).withPoolSize(4)));
    certificate = ServingCertificate.selfSigned(dir, List.of("localhost", "127.0.0.1"));
    auth = TokenAuthenticator.adminToken(dir);
    server = await(ApiServer.start(vertx, store, new Discovery(Kinds.all(), List.of(), List.of()), auth, certificate,
        "127.0.0.1", 0));
    kubeconfig = dir.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), certificate.certificatePem(), auth.token());
    client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certificateFile().toString())));
  }

  @AfterAll
  static void stop() throws Exception {
    await(client.close());
    await(store.close());
    await(vertx.close());
  }

  /** A response as a test reads it. */
  private record Response(String version, int status, MultiMap headers, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  private static Response get(HttpMethod method, String path, String authorization, String accept) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("localhost").setPort(server.port())
        .setURI(path);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    if (accept != null) {
      options.putHeader("Accept", accept);
    }
    return await(client.request(options).compose(req -> req.send().compose(resp -> resp.body().map(body ->
        new Response(resp.version().name(), resp.statusCode(), resp.headers(), body.toString())))));
  }

  private static Response get(String path) throws Exception {
    return get(HttpMethod.GET, path, "Bearer " + auth.token(), null);
  }

  /** The kubectl of that minor version, or the test is skipped, saying why. */
  private static Path kubectl(String version) throws Exception {
    Process which = new ProcessBuilder("sh", "-c", "readlink -f \"$(command -v kubectl)\"").start();
    String found = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    which.waitFor(10, TimeUnit.SECONDS);
    Path binary = found.isEmpty() ? null : Path.of(found).resolveSibling("kubectl." + version);
    boolean present = binary != null && Files.isExecutable(binary);
    if (!present) {
      System.out.println("SKIPPED: kubectl." + version + " is not installed next to the kubectl on the PATH");
    }
    Assumptions.assumeTrue(present, "kubectl." + version + " is not installed next to the kubectl on the PATH");
    return binary;
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path kubectl, Path config, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", config.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void kubectlTrustsTheServerAndReadsVersionAndDiscovery(String version) throws Exception {
    Path kubectl = kubectl(version);
    Run v = run(kubectl, kubeconfig, "version", "-o", "json");
    assertThat(v.exit()).as(v.err()).isZero();
    JsonNode serverVersion = JSON.readTree(v.out()).path("serverVersion");
    assertThat(serverVersion.path("major").asText()).isEqualTo("1");
    assertThat(serverVersion.path("minor").asText()).isEqualTo("33");
    // Build metadata, not a pre-release: "at least v1.33.0" checks must hold.
    assertThat(serverVersion.path("gitVersion").asText()).matches("v1\\.33\\.0\\+milo-crm\\.[0-9A-Za-z.-]+");
    assertThat(serverVersion.path("platform").asText()).matches("[a-z0-9]+/[a-z0-9]+");

    Run versions = run(kubectl, kubeconfig, "api-versions");
    assertThat(versions.exit()).as(versions.err()).isZero();
    assertThat(versions.out().lines()).containsExactly("crm.milo.io/v1alpha1", "notification.milo.io/v1alpha1");

    Run crm = run(kubectl, kubeconfig, "get", "--raw", "/apis/crm.milo.io/v1alpha1");
    assertThat(crm.exit()).as(crm.err()).isZero();
    JsonNode resources = JSON.readTree(crm.out()).path("resources");
    assertThat(resources.findValuesAsText("name")).containsExactlyInAnyOrder("people", "people/status", "companies",
        "companies/status", "notes", "notes/status");
    for (JsonNode r : resources) {
      if (r.path("name").asText().equals("people")) {
        assertThat(r.path("kind").asText()).isEqualTo("Person");
        assertThat(r.path("namespaced").asBoolean()).isFalse();
        assertThat(r.path("shortNames").get(0).asText()).isEqualTo("ppl");
        assertThat(r.path("categories").get(0).asText()).isEqualTo("crm");
      }
    }
  }

  @Test
  void kubectlWithAWrongTokenIsRefused() throws Exception {
    Path kubectl = kubectl("1.33");
    Path bad = dir.resolve("bad-kubeconfig");
    Kubeconfig.write(bad, "https://127.0.0.1:" + server.port(), certificate.certificatePem(), "not-the-token");
    Run run = run(kubectl, bad, "get", "--raw", "/apis");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("Unauthorized");
  }

  @Test
  void withoutTheTokenEveryPathButHealthIsAnUnauthorizedStatus() throws Exception {
    for (String authorization : new String[] {null, "Bearer wrong", "Basic " + auth.token()}) {
      Response response = get(HttpMethod.GET, "/apis", authorization, null);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
      // Exactly the kube-apiserver's body for a failed authentication.
      assertThat(response.json()).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"));
    }
    assertThat(get(HttpMethod.GET, "/apis", "bearer " + auth.token(), null).status()).isEqualTo(200);
    for (String health : new String[] {"/livez", "/healthz", "/readyz"}) {
      Response response = get(HttpMethod.GET, health, null, null);
      assertThat(response.status()).as(health).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
    }
  }

  @Test
  void discoveryIsServedOverHttp2AndAnAggregatedOnlyAcceptGets406() throws Exception {
    Response group = get("/apis/notification.milo.io");
    assertThat(group.version()).isEqualTo("HTTP_2");
    assertThat(group.status()).isEqualTo(200);
    assertThat(group.json().path("kind").asText()).isEqualTo("APIGroup");

    Response refused = get(HttpMethod.GET, "/apis", "Bearer " + auth.token(), AGGREGATED_ONLY);
    assertThat(refused.status()).isEqualTo(406);
    assertThat(refused.json().path("reason").asText()).isEqualTo("NotAcceptable");
    assertThat(refused.json().path("message").asText()).contains("application/json");
  }

  @Test
  void unknownPathsAndOtherMethodsGetTheirStatus() throws Exception {
    // Like every aggregated server, this one serves no core group.
    Response api = get("/api");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.json().path("reason").asText()).isEqualTo("NotFound");
    assertThat(api.json().path("message").asText()).isEqualTo("the server could not find the requested resource");

    for (String path : new String[] {"/apis", "/version"}) {
      Response post = get(HttpMethod.POST, path, "Bearer " + auth.token(), null);
      assertThat(post.status()).as(path).isEqualTo(405);
      assertThat(post.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
    }
  }
}
