package io.milo.crm.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who owns which field: a write gives its manager what it changed and takes it from the others. */
class ManagedFieldsTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-02T00:00:00Z");

  private static ObjectNode person(String name, String title) {
    ObjectNode person = Codec.parseObject("{\"apiVersion\":\"crm.milo.io/v1alpha1\",\"kind\":\"Person\","
        + "\"metadata\":{\"name\":\"p\",\"uid\":\"u\",\"resourceVersion\":\"5\",\"labels\":{\"a\":\"b\"}},\"spec\":{}}");
    ((ObjectNode) person.path("spec")).put("name", name).put("jobTitle", title);
    return person;
  }

  private static JsonNode entry(ObjectNode object, String manager) {
    for (JsonNode entry : object.path("metadata").path("managedFields")) {
      if (entry.path("manager").asText().equals(manager)) {
        return entry;
      }
    }
    return null;
  }

  @Test
  void aCreateOwnsEverythingItSetButServerSetMetadata() {
    ObjectNode created = person("Ada", "CTO");
    ManagedFields.record(created, null, "kubectl", "Update", "crm.milo.io/v1alpha1", "", T1);
    JsonNode fields = entry(created, "kubectl").path("fieldsV1");
    assertThat(fields.path("f:spec").has("f:name")).isTrue();
    assertThat(fields.path("f:spec").has("f:jobTitle")).isTrue();
    assertThat(fields.path("f:metadata").path("f:labels").has("f:a")).isTrue();
    assertThat(fields.path("f:metadata").has("f:uid")).isFalse();
    assertThat(fields.path("f:metadata").has("f:resourceVersion")).isFalse();
    assertThat(entry(created, "kubectl").path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void anUpdateTakesWhatItChangesFromTheOtherManager() {
    ObjectNode old = person("Ada", "CTO");
    ManagedFields.record(old, null, "kubectl", "Update", "crm.milo.io/v1alpha1", "", T1);
    ObjectNode next = old.deepCopy();
    ((ObjectNode) next.path("spec")).put("jobTitle", "CEO");
    ManagedFields.record(next, old, "hr-tool", "Update", "crm.milo.io/v1alpha1", "", T2);

    assertThat(entry(next, "kubectl").path("fieldsV1").path("f:spec").has("f:jobTitle")).isFalse();
    assertThat(entry(next, "kubectl").path("fieldsV1").path("f:spec").has("f:name")).isTrue();
    assertThat(entry(next, "hr-tool").path("fieldsV1").path("f:spec").has("f:jobTitle")).isTrue();
    assertThat(entry(next, "hr-tool").path("fieldsV1").path("f:spec").has("f:name")).isFalse();
  }

  @Test
  void aWriteThatChangesNothingLeavesTheEntriesAsTheyWere() {
    ObjectNode old = person("Ada", "CTO");
    ManagedFields.record(old, null, "kubectl", "Update", "crm.milo.io/v1alpha1", "", T1);
    ObjectNode same = old.deepCopy();
    ManagedFields.record(same, old, "kubectl", "Update", "crm.milo.io/v1alpha1", "", T2);
    assertThat(same.path("metadata").path("managedFields")).isEqualTo(old.path("metadata").path("managedFields"));
  }

  @Test
  void aManagerLeftOwningNothingIsDropped() {
    ObjectNode old = person("Ada", "CTO");
    ((ObjectNode) old.path("metadata")).remove("labels");
    ManagedFields.record(old, null, "kubectl", "Update", "crm.milo.io/v1alpha1", "", T1);
    ObjectNode next = old.deepCopy();
    ((ObjectNode) next.path("spec")).put("name", "Ada L").put("jobTitle", "CEO");
    ManagedFields.record(next, old, "hr-tool", "Update", "crm.milo.io/v1alpha1", "", T2);
    assertThat(entry(next, "kubectl")).isNull();
    assertThat(next.path("metadata").path("managedFields").size()).isEqualTo(1);
  }
}
