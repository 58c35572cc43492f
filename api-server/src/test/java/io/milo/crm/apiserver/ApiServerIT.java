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
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTPS server with the real kubectl (oldest and newest supported) and a real HTTP/2 client:
 * self-signed TLS trusted through the written kubeconfig, the admin token, /version and
 * discovery from the kind declarations, 401 without the token, 406 for an aggregated-discovery-only
 * Accept.
 */
class ApiServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static Vertx vertx;
  static Store store;
  static ApiServer server;
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
  }

  @AfterAll
  static void stop() throws Exception {
    await(store.close());
    await(vertx.close());
  }

  private static Path kubectl(String version) {
    try {
      Path real = Path.of(new ProcessBuilder("sh", "-c", "readlink -f \"$(command -v kubectl)\"").start()
          .inputReader().readLine());
      return real.resolveSibling("kubectl." + version);
    } catch (IOException e) {
      throw new IllegalStateException("kubectl is not installed here", e);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path kubectl, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void kubectlTrustsTheServerAndReadsVersionAndDiscovery(String version) throws Exception {
    Path kubectl = kubectl(version);
    Run v = run(kubectl, "version", "-o", "json");
    assertThat(v.exit()).as(v.err()).isZero();
    JsonNode serverVersion = JSON.readTree(v.out()).path("serverVersion");
    assertThat(serverVersion.path("major").asText()).isEqualTo("1");
    assertThat(serverVersion.path("gitVersion").asText()).startsWith("v1.33.0-milo-crm");

    Run groups = run(kubectl, "get", "--raw", "/apis");
    assertThat(groups.exit()).as(groups.err()).isZero();
    assertThat(JSON.readTree(groups.out()).path("groups").findValuesAsText("name"))
        .containsExactlyInAnyOrder("crm.milo.io", "notification.milo.io");

    Run crm = run(kubectl, "get", "--raw", "/apis/crm.milo.io/v1alpha1");
    assertThat(crm.exit()).as(crm.err()).isZero();
    JsonNode resources = JSON.readTree(crm.out()).path("resources");
    assertThat(resources.findValuesAsText("name")).contains("people", "people/status", "companies", "notes");
    for (JsonNode r : resources) {
      if (r.path("name").asText().equals("people")) {
        assertThat(r.path("kind").asText()).isEqualTo("Person");
        assertThat(r.path("namespaced").asBoolean()).isFalse();
        assertThat(r.path("shortNames").get(0).asText()).isEqualTo("ppl");
      }
    }
  }

  @Test
  void aWrongTokenIsUnauthorizedAsAStatus() throws Exception {
    Path bad = dir.resolve("bad-kubeconfig");
    Kubeconfig.write(bad, "https://127.0.0.1:" + server.port(), certificate.certificatePem(), "not-the-token");
    Process process = new ProcessBuilder(kubectl("1.33").toString(), "--kubeconfig", bad.toString(),
        "get", "--raw", "/apis").start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(err).contains("Unauthorized");
  }

  @Test
  void http2ClientsGetDiscoveryAnd406ForAnAggregatedOnlyAccept() throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setTrustOptions(new PemTrustOptions().addCertPath(certificate.certificateFile().toString())));
    RequestOptions base = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI("/apis/notification.milo.io").putHeader("Authorization", "Bearer " + auth.token());
    var ok = await(client.request(base).compose(req -> req.send()
        .compose(resp -> resp.body().map(body -> List.of(resp.version().name(), resp.statusCode(), body.toString())))));
    assertThat(ok.get(0)).isEqualTo("HTTP_2");
    assertThat(ok.get(1)).isEqualTo(200);
    assertThat(JSON.readTree((String) ok.get(2)).path("kind").asText()).isEqualTo("APIGroup");

    RequestOptions aggregatedOnly = new RequestOptions(base).setURI("/apis")
        .putHeader("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    int status = await(client.request(aggregatedOnly).compose(req -> req.send()).map(resp -> resp.statusCode()));
    assertThat(status).isEqualTo(406);

    int health = await(client.request(new RequestOptions(base).setURI("/readyz").removeHeader("Authorization"))
        .compose(req -> req.send()).map(resp -> resp.statusCode()));
    assertThat(health).isEqualTo(200);
  }
}
