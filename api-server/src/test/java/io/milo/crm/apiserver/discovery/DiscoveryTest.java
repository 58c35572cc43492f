package io.milo.crm.apiserver.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.kinds.Kinds;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theStorageVersionHashIsTheKubeApiserversFormula() throws Exception {
    // The value a kube-apiserver advertises for deployments (apps/v1 Deployment).
    assertThat(Discovery.storageVersionHash("apps/v1", "Deployment")).isEqualTo("8aSe+NMegvE=");
  }

  @Test
  void eachGroupHasOneDocumentAndNoCoreGroupIsServed() throws Exception {
    Discovery discovery = new Discovery(Kinds.all(), List.of("get"), List.of("get"));
    assertThat(discovery.document("/api")).isEmpty();
    JsonNode groups = JSON.readTree(discovery.document("/apis").orElseThrow()).path("groups");
    assertThat(groups.findValuesAsText("name")).containsExactly("crm.milo.io", "notification.milo.io");
    JsonNode group = JSON.readTree(discovery.document("/apis/crm.milo.io/").orElseThrow());
    assertThat(group.path("preferredVersion").path("groupVersion").asText()).isEqualTo("crm.milo.io/v1alpha1");
    JsonNode resources = JSON.readTree(discovery.document("/apis/notification.milo.io/v1alpha1").orElseThrow())
        .path("resources");
    for (JsonNode r : resources) {
      assertThat(r.path("namespaced").asBoolean()).as(r.path("name").asText()).isTrue();
      if (r.path("name").asText().endsWith("/status")) {
        assertThat(r.path("singularName").asText()).isEmpty();
        assertThat(r.has("storageVersionHash")).isFalse();
      } else {
        assertThat(r.path("categories").get(0).asText()).isEqualTo("notification");
        assertThat(r.path("storageVersionHash").asText()).isEqualTo(
            Discovery.storageVersionHash("notification.milo.io/v1alpha1", r.path("kind").asText()));
        assertThat(r.path("verbs").get(0).asText()).isEqualTo("get");
      }
    }
  }
}
