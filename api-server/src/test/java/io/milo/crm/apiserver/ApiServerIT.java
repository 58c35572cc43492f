package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = TestServer.JSON;
  /** What the kube-aggregator asks for: aggregated discovery only. */
  private static final String AGGREGATED_ONLY = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static TestServer.Response get(HttpMethod method, String path, String authorization, String accept) throws Exception {
    return server.request(method, path, accept == null ? Map.of() : Map.of("Accept", accept), null, authorization);
  }

  private static TestServer.Response get(String path) throws Exception {
    return server.get(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.27", "1.33"})
  void kubectlTrustsTheServerAndReadsVersionAndDiscovery(String version) throws Exception {
    Kubectl kubectl = Kubectl.version(version, server.kubeconfig, server.dir);
    Kubectl.Run v = kubectl.run("version", "-o", "json");
    assertThat(v.exit()).as(v.err()).isZero();
    JsonNode serverVersion = JSON.readTree(v.out()).path("serverVersion");
    assertThat(serverVersion.path("major").asText()).isEqualTo("1");
    assertThat(serverVersion.path("minor").asText()).isEqualTo("33");
    // Build metadata, not a pre-release: "at least v1.33.0" checks must hold.
    assertThat(serverVersion.path("gitVersion").asText()).matches("v1\\.33\\.0\\+milo-crm\\.[0-9A-Za-z.-]+");
    assertThat(serverVersion.path("platform").asText()).matches("[a-z0-9]+/[a-z0-9]+");

    Kubectl.Run versions = kubectl.run("api-versions");
    assertThat(versions.exit()).as(versions.err()).isZero();
    assertThat(versions.out().lines()).containsExactly("crm.milo.io/v1alpha1", "notification.milo.io/v1alpha1");

    Kubectl.Run crm = kubectl.run("get", "--raw", "/apis/crm.milo.io/v1alpha1");
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
    Path bad = server.dir.resolve("bad-kubeconfig");
    Kubeconfig.write(bad, "https://127.0.0.1:" + server.port(), server.certificate.certificatePem(), "not-the-token");
    Kubectl kubectl = Kubectl.version("1.33", bad, server.dir);
    Kubectl.Run run = kubectl.run("get", "--raw", "/apis");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("Unauthorized");
  }

  @Test
  void withoutTheTokenEveryPathButHealthIsAnUnauthorizedStatus() throws Exception {
    for (String authorization : new String[] {null, "Bearer wrong", "Basic " + server.auth.token()}) {
      TestServer.Response response = get(HttpMethod.GET, "/apis", authorization, null);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
      // Exactly the kube-apiserver's body for a failed authentication.
      assertThat(response.json()).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
          + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}"));
    }
    assertThat(get(HttpMethod.GET, "/apis", "bearer " + server.auth.token(), null).status()).isEqualTo(200);
    for (String health : new String[] {"/livez", "/healthz", "/readyz"}) {
      TestServer.Response response = get(HttpMethod.GET, health, null, null);
      assertThat(response.status()).as(health).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
    }
  }

  @Test
  void discoveryIsServedOverHttp2AndTheAggregatorGetsAggregatedDiscovery() throws Exception {
    TestServer.Response group = get("/apis/notification.milo.io");
    assertThat(group.version()).isEqualTo("HTTP_2");
    assertThat(group.status()).isEqualTo(200);
    assertThat(group.json().path("kind").asText()).isEqualTo("APIGroup");

    TestServer.Response aggregated = get(HttpMethod.GET, "/apis", "Bearer " + server.auth.token(), AGGREGATED_ONLY);
    assertThat(aggregated.status()).isEqualTo(200);
    assertThat(aggregated.header("Content-Type"))
        .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    assertThat(aggregated.json().path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
  }

  @Test
  void unknownPathsAndOtherMethodsGetTheirStatus() throws Exception {
    // Like every aggregated server, this one serves no core group.
    TestServer.Response api = get("/api");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.json().path("reason").asText()).isEqualTo("NotFound");
    assertThat(api.json().path("message").asText()).isEqualTo("the server could not find the requested resource");

    for (String path : new String[] {"/apis", "/version"}) {
      TestServer.Response post = get(HttpMethod.POST, path, "Bearer " + server.auth.token(), null);
      assertThat(post.status()).as(path).isEqualTo(405);
      assertThat(post.json().path("reason").asText()).isEqualTo("MethodNotAllowed");
    }
  }
}
