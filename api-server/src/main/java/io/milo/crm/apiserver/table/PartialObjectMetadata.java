package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * PartialObjectMetadata builds the metadata-only views of objects that metadata informers, the garbage
 * collector and the namespace and quota controllers ask for
 * ({@code Accept: application/json;as=PartialObjectMetadata[List];g=meta.k8s.io;v=v1}), and that a
 * Table row holds by default. The shapes follow k8s.io/apiserver pkg/endpoints/handlers/response.go
 * (asPartialObjectMetadata, asPartialObjectMetadataList) and meta.AsPartialObjectMetadata: only the
 * ObjectMeta fields, in ObjectMeta's order, empty ones left out.
 */
public final class PartialObjectMetadata {
  static final String KIND = "PartialObjectMetadata";
  static final String LIST_KIND = "PartialObjectMetadataList";

  /** The ObjectMeta fields, in the order Go writes them; creationTimestamp is handled apart. */
  private static final List<String> OBJECT_META = List.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

  private PartialObjectMetadata() {}

  /**
   * The PartialObjectMetadata of {@code object} in meta.k8s.io/{@code version}.
   *
   * @throws IllegalArgumentException when {@code version} is neither v1 nor v1beta1, with the message of
   *     upstream's 406 NotAcceptable
   */
  public static ObjectNode of(ObjectNode object, String version) {
    String apiVersion = MetaVersions.apiVersion(version, LIST_KIND); // upstream names the list here too
    return partial(object, apiVersion);
  }

  /**
   * The PartialObjectMetadataList of {@code objects}: each item a PartialObjectMetadata, the list's
   * metadata from {@code meta}.
   *
   * @throws IllegalArgumentException when {@code version} is neither v1 nor v1beta1
   */
  public static ObjectNode list(List<ObjectNode> objects, ListMeta meta, String version) {
    String apiVersion = MetaVersions.apiVersion(version, LIST_KIND);
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("kind", LIST_KIND);
    list.put("apiVersion", apiVersion);
    list.set("metadata", meta.toJson());
    ArrayNode items = list.putArray("items");
    objects.forEach(object -> items.add(partial(object, apiVersion)));
    return list;
  }

  static ObjectNode partial(ObjectNode object, String apiVersion) {
    ObjectNode partial = JsonNodeFactory.instance.objectNode();
    partial.put("kind", KIND);
    partial.put("apiVersion", apiVersion);
    partial.set("metadata", objectMeta(object.path("metadata")));
    return partial;
  }

  /** ObjectMeta as Go writes it: omitempty fields left out when empty; creationTimestamp null when unset (1.33). */
  private static ObjectNode objectMeta(JsonNode metadata) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    for (String field : OBJECT_META) {
      JsonNode value = metadata.path(field);
      if (field.equals("creationTimestamp")) {
        meta.set(field, isEmpty(value) ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
      } else if (!isEmpty(value) || (field.equals("deletionGracePeriodSeconds") && value.isNumber())) {
        meta.set(field, value.deepCopy());
      }
    }
    return meta;
  }

  private static boolean isEmpty(JsonNode value) {
    return value.isMissingNode() || value.isNull()
        || (value.isTextual() && value.textValue().isEmpty())
        || (value.isNumber() && value.asLong() == 0)
        || (value.isContainerNode() && value.isEmpty());
  }
}
