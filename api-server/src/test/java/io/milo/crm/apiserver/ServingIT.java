package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import io.milo.crm.testing.EmbeddedPostgresServer;
import io.milo.crm.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What the aggregator and the cluster's controllers rely on besides the verbs, over raw HTTP/2:
 * aggregated discovery with its ETag and 304, the OpenAPI v3 hash redirect, health and readiness
 * (discovery and OpenAPI keep answering while PostgreSQL is down), the in-flight limit's 429 and
 * the request deadline's 504.
 */
class ServingIT {
  private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
  private static final String AGGREGATED_1_27 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  @Test
  void aggregatedDiscoveryWithETagAndOpenApiHashRedirect() throws Exception {
    try (TestServer server = TestServer.start()) {
      TestServer.Response v2 = server.get("/apis", AGGREGATED);
      assertThat(v2.status()).isEqualTo(200);
      assertThat(v2.header("Content-Type")).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
      assertThat(v2.header("Vary")).isEqualTo("Accept");
      JsonNode people = null;
      for (JsonNode group : v2.json().path("items")) {
        for (JsonNode resource : group.path("versions").get(0).path("resources")) {
          if (resource.path("resource").asText().equals("people")) {
            people = resource;
          }
        }
      }
      assertThat(people).isNotNull();
      assertThat(people.path("scope").asText()).isEqualTo("Cluster");
      assertThat(people.path("responseKind").path("kind").asText()).isEqualTo("Person");
      assertThat(people.path("verbs").toString()).contains("watch").contains("deletecollection");
      assertThat(people.path("subresources").get(0).path("subresource").asText()).isEqualTo("status");

      String etag = v2.header("ETag");
      assertThat(etag).startsWith("\"");
      TestServer.Response cached = server.request(HttpMethod.GET, "/apis", Map.of("Accept", AGGREGATED, "If-None-Match", etag), null);
      assertThat(cached.status()).isEqualTo(304);
      assertThat(cached.body()).isEmpty();

      TestServer.Response beta = server.get("/apis", AGGREGATED_1_27);
      assertThat(beta.header("Content-Type")).isEqualTo(
          "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
      TestServer.Response other = server.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList");
      assertThat(other.status()).isEqualTo(406);

      TestServer.Response root = server.get("/openapi/v3");
      assertThat(root.status()).isEqualTo(200);
      String url = root.json().path("paths").path("apis/crm.milo.io/v1alpha1").path("serverRelativeURL").asText();
      assertThat(url).startsWith("/openapi/v3/apis/crm.milo.io/v1alpha1?hash=");
      TestServer.Response document = server.get(url);
      assertThat(document.status()).isEqualTo(200);
      assertThat(document.header("Cache-Control")).contains("immutable");
      assertThat(document.json().path("paths").has("/apis/crm.milo.io/v1alpha1/people/{name}")).isTrue();
      TestServer.Response stale = server.get("/openapi/v3/apis/crm.milo.io/v1alpha1?hash=0000");
      assertThat(stale.status()).isEqualTo(301);
      assertThat(stale.header("Location")).isEqualTo(url);

      TestServer.Response v2doc = server.get("/openapi/v2", "application/json");
      assertThat(v2doc.status()).isEqualTo(200);
      assertThat(v2doc.json().path("swagger").asText()).isEqualTo("2.0");
    }
  }

  @Test
  void discoveryAnswersWhileTheDatabaseIsDownAndReadinessSaysSo() throws Exception {
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0);
    try (TestServer server = TestServer.start(postgres.newDatabase("serving_it"), null, new InFlightLimiter(400, 200), 0)) {
      assertThat(server.request(HttpMethod.GET, "/readyz", Map.of(), null, null).status()).isEqualTo(200);
      postgres.stop();
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() ->
          server.request(HttpMethod.GET, "/readyz", Map.of(), null, null).status() == 503);
      assertThat(server.request(HttpMethod.GET, "/livez", Map.of(), null, null).status()).isEqualTo(200);
      assertThat(server.get("/apis/crm.milo.io/v1alpha1").status()).isEqualTo(200);
      assertThat(server.get("/apis", AGGREGATED).status()).isEqualTo(200);
      assertThat(server.get("/openapi/v3").status()).isEqualTo(200);
      TestServer.Response list = server.get("/apis/crm.milo.io/v1alpha1/people");
      assertThat(list.status()).isEqualTo(503);
      assertThat(list.header("Retry-After")).isEqualTo("1");
      postgres.startAgain();
      Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
          server.request(HttpMethod.GET, "/readyz", Map.of(), null, null).status() == 200);
      assertThat(server.get("/apis/crm.milo.io/v1alpha1/people").status()).isEqualTo(200);
    } finally {
      postgres.close();
    }
  }

  @Test
  void overTheInFlightBudgetIs429AndPastTheDeadline504() throws Exception {
    try (TestServer server = TestServer.start(TestDatabase.newDatabase(), null, new InFlightLimiter(1, 1), 0)) {
      // A list at a resourceVersion the store has not reached waits up to 3 s: it holds the one read slot.
      String waiting = "/apis/crm.milo.io/v1alpha1/people?resourceVersion=999999999&resourceVersionMatch=NotOlderThan";
      List<Future<Integer>> statuses = new ArrayList<>();
      List<Future<String>> retryAfter = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost").setPort(server.port())
            .setURI(waiting).putHeader("Authorization", "Bearer " + server.auth.token());
        var response = server.client.request(options).compose(r -> r.send());
        statuses.add(response.map(r -> r.statusCode()));
        retryAfter.add(response.map(r -> r.getHeader("Retry-After")));
      }
      List<Integer> codes = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        codes.add(TestServer.await(status));
      }
      assertThat(codes).contains(429).contains(504);
      assertThat(codes).containsOnly(429, 504);
      for (int i = 0; i < codes.size(); i++) {
        assertThat(TestServer.await(retryAfter.get(i))).as("Retry-After of a " + codes.get(i)).isEqualTo("1");
      }
      TestServer.Response tooLarge = server.get(waiting);
      assertThat(tooLarge.json().path("details").path("causes").get(0).path("reason").asText())
          .isEqualTo("ResourceVersionTooLarge");

      TestServer.Response deadline = server.get(waiting + "&timeout=1s");
      assertThat(deadline.status()).isEqualTo(504);
      assertThat(deadline.json().path("reason").asText()).isEqualTo("Timeout");
      assertThat(deadline.json().path("message").asText()).contains("request did not complete within requested timeout");
    }
  }
}
