package io.milo.crm.apiserver.table;

import static io.milo.crm.apiserver.table.SampleObjects.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Metadata-only views, as meta.AsPartialObjectMetadata and asPartialObjectMetadataList build them. */
class PartialObjectMetadataTest {
  static Stream<String> samples() {
    return Stream.of(SampleObjects.PERSON, SampleObjects.COMPANY, SampleObjects.BARE_COMPANY, SampleObjects.NOTE,
        SampleObjects.CONTACT, SampleObjects.CONTACT_GROUP, SampleObjects.MEMBERSHIP, SampleObjects.REMOVAL);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void keepsTheWholeObjectMetaAndNothingElse(String json) {
    ObjectNode object = object(json);

    ObjectNode partial = PartialObjectMetadata.of(object, "v1");

    assertThat(partial.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata");
    assertThat(partial.get("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(partial.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(partial.get("metadata")).isEqualTo(object.get("metadata"));
  }

  @Test
  void writesObjectMetaFieldsInGoOrderAndDropsWhatIsNotObjectMeta() throws JsonProcessingException {
    ObjectNode object = object("""
        {"apiVersion": "crm.milo.io/v1alpha1", "kind": "Person",
         "metadata": {"labels": {"a": "b"}, "name": "x", "annotations": {}, "generation": 0, "namespace": "",
           "deletionGracePeriodSeconds": 0, "unknownField": "dropped", "finalizers": []},
         "spec": {"name": "X"}}
        """);

    ObjectNode partial = PartialObjectMetadata.of(object, "v1beta1");

    // empty fields are left out (omitempty), except the pointer deletionGracePeriodSeconds; an unset
    // creationTimestamp is written as null, as Go's metav1.Time does up to Kubernetes 1.33
    assertThat(partial.get("metadata").toString()).isEqualTo(
        "{\"name\":\"x\",\"creationTimestamp\":null,\"deletionGracePeriodSeconds\":0,\"labels\":{\"a\":\"b\"}}");
    assertThat(partial.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v1beta1"})
  void aListCarriesTheListMetadataAndOnePartialPerObject(String version) {
    List<ObjectNode> objects = List.of(object(SampleObjects.CONTACT), object(SampleObjects.MEMBERSHIP));

    ObjectNode list = PartialObjectMetadata.list(objects, new ListMeta("1070", "next", 3L), version);

    assertThat(list.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata", "items");
    assertThat(list.get("kind").asText()).isEqualTo("PartialObjectMetadataList");
    assertThat(list.get("apiVersion").asText()).isEqualTo("meta.k8s.io/" + version);
    assertThat(list.get("metadata").toString())
        .isEqualTo("{\"resourceVersion\":\"1070\",\"continue\":\"next\",\"remainingItemCount\":3}");
    assertThat(list.get("items")).containsExactly(PartialObjectMetadata.of(objects.get(0), version),
        PartialObjectMetadata.of(objects.get(1), version));
  }

  @Test
  void anEmptyListHasEmptyItems() {
    ObjectNode list = PartialObjectMetadata.list(List.of(), new ListMeta("5", null, null), "v1");

    assertThat(list.get("items").isArray()).isTrue();
    assertThat(list.get("items")).isEmpty();
    assertThat(list.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"5\"}");
  }

  @Test
  void otherVersionsAreNotAcceptableWithUpstreamsMessage() {
    ObjectNode person = object(SampleObjects.PERSON);

    assertThatThrownBy(() -> PartialObjectMetadata.of(person, "v2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no PartialObjectMetadataList exists in group version meta.k8s.io/v2");
    assertThatThrownBy(() -> PartialObjectMetadata.list(List.of(person), ListMeta.EMPTY, "v1alpha1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no PartialObjectMetadataList exists in group version meta.k8s.io/v1alpha1");
  }
}
