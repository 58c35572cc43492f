package io.milo.crm.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // client-go 1.30+ discovery (discovery_client.go acceptDiscoveryFormats) and the aggregators' headers
  // (kube-aggregator handler_discovery.go: 1.30+ v2 then v2beta1, 1.27 to 1.29 v2beta1 only).
  private static final String CLIENT_GO_1_30 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
  private static final String AGGREGATOR_1_30 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
  private static final String AGGREGATOR_1_27 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  /** Two groups declared out of name order, two resources declared out of name order. */
  private static final List<KindDeclaration> SMALL = List.of(
      kind("example.io", "Widget", "widgets", "widget", List.of("wd"), List.of("all"), true, true),
      kind("example.io", "Apple", "apples", "apple", List.of(), List.of(), true, false),
      kind("alpha.io", "Gadget", "gadgets", "gadget", List.of(), List.of(), false, false));

  /**
   * What Go's encoding/json writes for the apidiscovery v2 list the kube-apiserver hashes (no kind and
   * apiVersion), written out by hand from k8s.io/api apidiscovery/v2/types.go: omitempty slices dropped,
   * responseKind's fields always present, ObjectMeta's zero creationTimestamp as null (1.33).
   */
  private static final String SMALL_UNVERSIONED = "{\"metadata\":{},\"items\":["
      + "{\"metadata\":{\"name\":\"alpha.io\",\"creationTimestamp\":null},\"versions\":[{\"version\":\"v1\",\"resources\":["
      + "{\"resource\":\"gadgets\",\"responseKind\":{\"group\":\"alpha.io\",\"version\":\"v1\",\"kind\":\"Gadget\"},"
      + "\"scope\":\"Cluster\",\"singularResource\":\"gadget\",\"verbs\":[\"get\",\"list\"]}],\"freshness\":\"Current\"}]},"
      + "{\"metadata\":{\"name\":\"example.io\",\"creationTimestamp\":null},\"versions\":[{\"version\":\"v1\",\"resources\":["
      + "{\"resource\":\"apples\",\"responseKind\":{\"group\":\"example.io\",\"version\":\"v1\",\"kind\":\"Apple\"},"
      + "\"scope\":\"Namespaced\",\"singularResource\":\"apple\",\"verbs\":[\"get\",\"list\"]},"
      + "{\"resource\":\"widgets\",\"responseKind\":{\"group\":\"example.io\",\"version\":\"v1\",\"kind\":\"Widget\"},"
      + "\"scope\":\"Namespaced\",\"singularResource\":\"widget\",\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"wd\"],"
      + "\"categories\":[\"all\"],\"subresources\":[{\"subresource\":\"status\",\"responseKind\":"
      + "{\"group\":\"example.io\",\"version\":\"v1\",\"kind\":\"Widget\"},\"verbs\":[\"get\",\"patch\",\"update\"]}]}],"
      + "\"freshness\":\"Current\"}]}]}";

  private final Discovery small = new Discovery(SMALL, List.of("get", "list"), Discovery.STATUS_VERBS);

  @Test
  void theStorageVersionHashIsTheKubeApiserversFormula() {
    // The value a kube-apiserver advertises for deployments (apps/v1 Deployment).
    assertThat(Discovery.storageVersionHash("apps/v1", "Deployment")).isEqualTo("8aSe+NMegvE=");
  }

  @Test
  void aggregatedV2IsTheUnversionedListWithItsTypeAndAnEtagOfItsHash() throws Exception {
    Discovery.Answer answer = small.answer("/apis", CLIENT_GO_1_30, null).orElseThrow();
    String etag = "\"" + HexFormat.of().withUpperCase().formatHex(
        MessageDigest.getInstance("SHA-512").digest(SMALL_UNVERSIONED.getBytes(StandardCharsets.UTF_8))) + "\"";
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).isEqualTo(Map.of(
        "Content-Type", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        "ETag", etag, "Vary", "Accept", "Cache-Control", "public"));
    assertThat(answer.text()).isEqualTo("{\"kind\":\"APIGroupDiscoveryList\",\"apiVersion\":\"apidiscovery.k8s.io/v2\","
        + SMALL_UNVERSIONED.substring(1) + "\n");
  }

  @Test
  void aggregatedV2beta1DiffersOnlyInVersionAndSharesTheEtag() {
    Discovery.Answer v2 = small.answer("/apis", AGGREGATOR_1_30, null).orElseThrow();
    Discovery.Answer v2beta1 = small.answer("/apis/", AGGREGATOR_1_27, null).orElseThrow();
    assertThat(v2beta1.headers().get("Content-Type"))
        .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
    assertThat(v2beta1.headers().get("ETag")).isEqualTo(v2.headers().get("ETag"));
    assertThat(v2beta1.text()).isEqualTo(v2.text().replace("apidiscovery.k8s.io/v2\"", "apidiscovery.k8s.io/v2beta1\""));
  }

  @Test
  void aMatchingIfNoneMatchIsNotModified() {
    String etag = small.answer("/apis", AGGREGATOR_1_30, null).orElseThrow().headers().get("ETag");
    Discovery.Answer answer = small.answer("/apis", AGGREGATOR_1_30, etag).orElseThrow();
    assertThat(answer.status()).isEqualTo(304);
    assertThat(answer.body()).isEmpty();
    assertThat(answer.headers()).isEqualTo(Map.of("ETag", etag, "Vary", "Accept", "Cache-Control", "public"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"0\"", "*", "W/%s", "%s, \"0\""})
  void otherIfNoneMatchValuesGetTheDocument(String pattern) {
    // upstream compares the header with the quoted hash as a whole string: no lists, weak tags or *
    String etag = small.answer("/apis", AGGREGATOR_1_30, null).orElseThrow().headers().get("ETag");
    assertThat(small.answer("/apis", AGGREGATOR_1_30, pattern.formatted(etag)).orElseThrow().status()).isEqualTo(200);
  }

  @Test
  void anAggregatorAskingOnlyForAggregatedDiscoveryOfAGroupVersionGets406() throws Exception {
    Discovery.Answer answer = small.answer("/apis/example.io/v1", AGGREGATOR_1_27, null).orElseThrow();
    assertThat(answer.status()).isEqualTo(406);
    assertThat(answer.headers()).isEqualTo(Map.of("Content-Type", "application/json"));
    JsonNode status = JSON.readTree(answer.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("NotAcceptable");
    assertThat(status.path("code").asInt()).isEqualTo(406);
    assertThat(status.path("message").asText()).isEqualTo("only the following media types are accepted: "
        + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
  }

  @Test
  void legacyDocumentsAreJsonWithoutEtag() {
    Discovery.Answer answer = small.answer("/apis/example.io/v1/", "application/json", "\"anything\"").orElseThrow();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers()).isEqualTo(Map.of("Content-Type", "application/json"));
    assertThat(answer.text()).isEqualTo("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"example.io/v1\","
        + "\"resources\":[{\"name\":\"widgets\",\"singularName\":\"widget\",\"namespaced\":true,\"kind\":\"Widget\","
        + "\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"wd\"],\"categories\":[\"all\"],\"storageVersionHash\":\""
        + Discovery.storageVersionHash("example.io/v1", "Widget") + "\"},"
        + "{\"name\":\"widgets/status\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"Widget\","
        + "\"verbs\":[\"get\",\"patch\",\"update\"]},"
        + "{\"name\":\"apples\",\"singularName\":\"apple\",\"namespaced\":true,\"kind\":\"Apple\","
        + "\"verbs\":[\"get\",\"list\"],\"storageVersionHash\":\"" + Discovery.storageVersionHash("example.io/v1", "Apple")
        + "\"}]}\n");
    assertThat(small.answer("/apis", null, null).orElseThrow().text()).isEqualTo("{\"kind\":\"APIGroupList\","
        + "\"apiVersion\":\"v1\",\"groups\":[{\"name\":\"example.io\",\"versions\":[{\"groupVersion\":\"example.io/v1\","
        + "\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"example.io/v1\",\"version\":\"v1\"}},"
        + "{\"name\":\"alpha.io\",\"versions\":[{\"groupVersion\":\"alpha.io/v1\",\"version\":\"v1\"}],"
        + "\"preferredVersion\":{\"groupVersion\":\"alpha.io/v1\",\"version\":\"v1\"}}]}\n");
  }

  @Test
  void aggregatedDiscoveryIsServedAtTheRootOnly() {
    // client-go asks every path with the same header; only /apis has an aggregated document
    Discovery.Answer group = small.answer("/apis/alpha.io", CLIENT_GO_1_30, null).orElseThrow();
    assertThat(group.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(group.text()).startsWith("{\"kind\":\"APIGroup\",");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api", "/apis/core.io", "/apis/example.io/v2", "/apis/example.io/v1/widgets", "/version"})
  void otherPathsAreNotDiscovery(String path) {
    assertThat(small.answer(path, null, null)).isEmpty();
    assertThat(small.document(path)).isEmpty();
  }

  @Test
  void everyDeclaredKindIsInBothForms() throws Exception {
    Discovery discovery = new Discovery(Kinds.all(), Discovery.RESOURCE_VERBS, Discovery.STATUS_VERBS);
    JsonNode aggregated = JSON.readTree(discovery.answer("/apis", AGGREGATOR_1_30, null).orElseThrow().body());
    assertThat(aggregated.path("items").findValuesAsText("name")).containsExactly("crm.milo.io", "notification.milo.io");
    for (KindDeclaration kind : Kinds.all()) {
      JsonNode resource = resource(aggregated, kind);
      assertThat(resource.path("scope").asText()).isEqualTo(kind.namespaced() ? "Namespaced" : "Cluster");
      assertThat(resource.path("singularResource").asText()).isEqualTo(kind.singular());
      assertThat(resource.path("responseKind").path("kind").asText()).isEqualTo(kind.kind());
      assertThat(JSON.convertValue(resource.path("verbs"), List.class)).isEqualTo(Discovery.RESOURCE_VERBS);
      assertThat(resource.path("subresources").findValuesAsText("subresource"))
          .isEqualTo(kind.statusSubresource() ? List.of("status") : List.of());

      JsonNode legacy = JSON.readTree(discovery.answer("/apis/" + kind.apiVersion(), null, null).orElseThrow().body());
      List<String> names = legacy.path("resources").findValuesAsText("name");
      assertThat(names).contains(kind.plural());
      assertThat(names.contains(kind.plural() + "/status")).isEqualTo(kind.statusSubresource());
    }
  }

  private static JsonNode resource(JsonNode aggregated, KindDeclaration kind) {
    for (JsonNode group : aggregated.path("items")) {
      for (JsonNode resource : group.path("versions").path(0).path("resources")) {
        if (group.path("metadata").path("name").asText().equals(kind.group())
            && resource.path("resource").asText().equals(kind.plural())) {
          return resource;
        }
      }
    }
    throw new AssertionError(kind.plural() + " is not in aggregated discovery");
  }

  private static KindDeclaration kind(String group, String kind, String plural, String singular, List<String> shortNames,
      List<String> categories, boolean namespaced, boolean status) {
    return new KindDeclaration(group, "v1", kind, plural, singular, shortNames, categories, namespaced,
        JSON.createObjectNode(), List.of(), List.of(), List.of(), status);
  }
}
