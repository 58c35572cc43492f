package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.milo.crm.apiserver.auth.AuthOptions;
import io.milo.crm.apiserver.auth.AuthenticationFiles;
import io.milo.crm.apiserver.auth.KubeConnection;
import io.milo.crm.apiserver.auth.TestCertificates;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AuthIT runs the real server over real TLS in front of a simulated main apiserver: front-proxy
 * identities, ignored headers, foreign CAs, client-CA certificates, TokenReview and
 * SubjectAccessReview with their caches, and a CA change in the ConfigMap taking effect without a
 * restart.
 */
class AuthIT {
  private static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  private static final TestCertificates.Issued FRONT_PROXY_CA = TestCertificates.ca("front-proxy-ca");
  private static final TestCertificates.Issued NEXT_FRONT_PROXY_CA = TestCertificates.ca("front-proxy-ca-2");
  private static final TestCertificates.Issued CLIENT_CA = TestCertificates.ca("client-ca");
  private static final TestCertificates.Issued AGGREGATOR =
      TestCertificates.client(FRONT_PROXY_CA, "front-proxy-client", List.of());
  private static final Map<String, String> ALICE_HEADERS = Map.of("X-Remote-User", "alice",
      "X-Remote-Group", "designers", "X-Remote-Extra-Acme.com%2Fteam", "blue", "X-Remote-Uid", "alice-uid");

  private static KubeApiSimulator simulator;
  private static TestServer server;
  private static final List<HttpClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    io.vertx.core.Vertx simulatorVertx = io.vertx.core.Vertx.vertx();
    simulator = KubeApiSimulator.start(simulatorVertx);
    useFrontProxyCa(FRONT_PROXY_CA);
    simulator.configMap.put("client-ca-file", CLIENT_CA.certificatePem());
    var tina = JsonNodeFactory.instance.objectNode().put("username", "tina").put("uid", "tina-uid");
    tina.putArray("groups").add("reviewers");
    simulator.tokens.put("tina-token", tina);
    KubeConnection main = new KubeConnection(simulator.url(), simulator.certificate.certificatePem(), false,
        "simulator-client", null, null, null);
    server = TestServer.start(TestDatabase.newDatabase(), null, new InFlightLimiter(400, 200), 0,
        admin -> new AuthOptions(admin, null, null, false, AuthenticationFiles.NONE, main, main,
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(200),
            Clock.systemUTC()));
  }

  private static void useFrontProxyCa(TestCertificates.Issued ca) {
    simulator.configMap.put("requestheader-client-ca-file", ca.certificatePem());
    simulator.configMap.put("requestheader-allowed-names", "[\"front-proxy-client\"]");
    simulator.configMap.put("requestheader-username-headers", "[\"X-Remote-User\"]");
    simulator.configMap.put("requestheader-group-headers", "[\"X-Remote-Group\"]");
    simulator.configMap.put("requestheader-extra-headers-prefix", "[\"X-Remote-Extra-\"]");
    simulator.configMap.put("requestheader-uid-headers", "[\"X-Remote-Uid\"]");
  }

  @AfterAll
  static void stop() throws Exception {
    for (HttpClient client : clients) {
      client.close();
    }
    server.close();
    simulator.close();
  }

  @BeforeEach
  void allowOnlyTinaToList() {
    simulator.allow = spec -> spec.path("user").asText().equals("tina")
        && spec.path("resourceAttributes").path("verb").asText().equals("list");
  }

  /** A client that presents a certificate (or none) over HTTP/2. */
  private static HttpClient client(TestCertificates.Issued certificate) {
    HttpClientOptions options = new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setProtocolVersion(HttpVersion.HTTP_2)
        .setTrustOptions(new PemTrustOptions().addCertPath(server.certificate.certificateFile().toString()));
    if (certificate != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(certificate.certificatePem()))
          .addKeyValue(Buffer.buffer(certificate.keyPem())));
    }
    HttpClient client = server.vertx.createHttpClient(options);
    clients.add(client);
    return client;
  }

  private static TestServer.Response get(HttpClient client, String path, Map<String, String> headers)
      throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
        .setURI(path);
    headers.forEach(options::putHeader);
    return TestServer.await(client.request(options).compose(req -> req.send()
        .compose(resp -> resp.body().map(b -> new TestServer.Response(resp.version().name(), resp.statusCode(),
            resp.headers(), b.toString())))));
  }

  private static JsonNode lastReviewFor(String user) {
    return simulator.accessReviews.stream().filter(r -> r.path("spec").path("user").asText().equals(user))
        .reduce((a, b) -> b).orElseThrow().path("spec");
  }

  @Test
  void theFrontProxyCertificateMakesTheHeadersTheIdentity() throws Exception {
    TestServer.Response response = get(client(AGGREGATOR), PEOPLE, ALICE_HEADERS);
    assertThat(response.status()).isEqualTo(403);
    JsonNode status = response.json();
    assertThat(status.path("message").asText()).isEqualTo("people.crm.milo.io is forbidden: User \"alice\" cannot"
        + " list resource \"people\" in API group \"crm.milo.io\" at the cluster scope");
    assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
    assertThat(status.path("details").toString()).isEqualTo("{\"group\":\"crm.milo.io\",\"kind\":\"people\"}");
    JsonNode spec = lastReviewFor("alice");
    assertThat(spec.path("groups").toString()).isEqualTo("[\"designers\",\"system:authenticated\"]");
    assertThat(spec.path("extra").toString()).isEqualTo("{\"acme.com/team\":[\"blue\"]}");
    assertThat(spec.path("uid").asText()).isEqualTo("alice-uid");
    assertThat(spec.path("resourceAttributes").toString()).isEqualTo(
        "{\"verb\":\"list\",\"group\":\"crm.milo.io\",\"version\":\"v1alpha1\",\"resource\":\"people\"}");
  }

  @Test
  void identityHeadersWithoutTheFrontProxyCertificateAreIgnored() throws Exception {
    assertThat(get(client(null), PEOPLE, ALICE_HEADERS).status()).isEqualTo(401);
    TestServer.Response asAdmin = get(client(null), PEOPLE, withToken(ALICE_HEADERS, server.auth.token()));
    assertThat(asAdmin.status()).isEqualTo(200);
    TestServer.Response asTina = get(client(null), PEOPLE + "/nobody", withToken(ALICE_HEADERS, "tina-token"));
    assertThat(asTina.json().path("message").asText()).contains("User \"tina\" cannot get resource \"people\"");
  }

  @Test
  void aCertificateFromAnotherCaAuthenticatesNobody() throws Exception {
    TestCertificates.Issued impostor = TestCertificates.client(TestCertificates.ca("front-proxy-ca"),
        "front-proxy-client", List.of("system:masters"));
    TestServer.Response response = get(client(impostor), PEOPLE, ALICE_HEADERS);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().path("message").asText()).isEqualTo("Unauthorized");
  }

  @Test
  void aClientCaCertificateIsItsCommonNameAndOrganizations() throws Exception {
    TestCertificates.Issued carl = TestCertificates.client(CLIENT_CA, "carl", List.of("crew"));
    TestServer.Response response = get(client(carl), "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts/c1",
        ALICE_HEADERS);
    assertThat(response.json().path("message").asText()).isEqualTo("contacts.notification.milo.io \"c1\" is forbidden:"
        + " User \"carl\" cannot get resource \"contacts\" in API group \"notification.milo.io\" in the namespace \"team\"");
    assertThat(lastReviewFor("carl").path("groups").toString()).isEqualTo("[\"crew\",\"system:authenticated\"]");
    TestCertificates.Issued master = TestCertificates.client(CLIENT_CA, "root", List.of("system:masters"));
    assertThat(get(client(master), PEOPLE, Map.of()).status()).isEqualTo(200);
  }

  @Test
  void tokenReviewsAndAccessReviewsAreCached() throws Exception {
    HttpClient client = client(null);
    var tina = JsonNodeFactory.instance.objectNode().put("username", "tina");
    simulator.tokens.put("cache-token", tina);
    int tokenReviews = simulator.tokenReviews.size();
    int accessReviews = simulator.accessReviews.size();
    String path = "/apis/notification.milo.io/v1alpha1/namespaces/cached/contacts";
    assertThat(get(client, path, withToken(Map.of(), "cache-token")).status()).isEqualTo(200);
    assertThat(get(client, path, withToken(Map.of(), "cache-token")).status()).isEqualTo(200);
    assertThat(get(client, path, withToken(Map.of(), "cache-unknown-token")).status()).isEqualTo(401);
    assertThat(get(client, path, withToken(Map.of(), "cache-unknown-token")).status()).isEqualTo(401);
    assertThat(simulator.tokenReviews.size() - tokenReviews).isEqualTo(2);
    assertThat(simulator.accessReviews.size() - accessReviews).isEqualTo(1);
    assertThat(simulator.tokenReviews.get(simulator.tokenReviews.size() - 1).path("kind").asText())
        .isEqualTo("TokenReview");
  }

  @Test
  void healthEndpointsNeedNoCredentialsAndNonResourcePathsAreReviewed() throws Exception {
    assertThat(get(client(null), "/healthz", Map.of()).status()).isEqualTo(200);
    assertThat(get(client(null), "/livez", Map.of()).status()).isEqualTo(200);
    TestServer.Response version = get(client(null), "/version", withToken(Map.of(), "tina-token"));
    assertThat(version.status()).isEqualTo(403);
    assertThat(version.json().path("message").asText()).isEqualTo("forbidden: User \"tina\" cannot get path \"/version\"");
    assertThat(lastReviewFor("tina").path("nonResourceAttributes").toString())
        .isEqualTo("{\"path\":\"/version\",\"verb\":\"get\"}");
  }

  @Test
  void aNewFrontProxyCaInTheConfigMapIsTrustedWithoutRestart() throws Exception {
    TestCertificates.Issued nextAggregator = TestCertificates.client(NEXT_FRONT_PROXY_CA, "front-proxy-client", List.of());
    assertThat(get(client(nextAggregator), PEOPLE, ALICE_HEADERS).status()).isEqualTo(401);
    try {
      useFrontProxyCa(NEXT_FRONT_PROXY_CA);
      HttpClient next = client(nextAggregator);
      HttpClient previous = client(AGGREGATOR);
      Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
          .until(() -> get(next, PEOPLE, ALICE_HEADERS).status() == 403);
      assertThat(get(next, PEOPLE, ALICE_HEADERS).json().path("message").asText()).contains("User \"alice\"");
      assertThat(get(previous, PEOPLE, ALICE_HEADERS).status()).isEqualTo(401);
    } finally {
      useFrontProxyCa(FRONT_PROXY_CA);
      HttpClient back = client(AGGREGATOR);
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> get(back, PEOPLE, ALICE_HEADERS).status() == 403);
    }
  }

  private static Map<String, String> withToken(Map<String, String> headers, String token) {
    Map<String, String> out = new java.util.HashMap<>(headers);
    out.put("Authorization", "Bearer " + token);
    return out;
  }
}
