package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ListMeta is what a Table or PartialObjectMetadataList carries over from the list it was made from
 * (metav1.ListMeta): the list's resourceVersion, the continue token of the next page and the count of
 * items after this page. Empty values are left out of the JSON, as Go's omitempty does.
 *
 * @param resourceVersion the list's resourceVersion, or null
 * @param continueToken the {@code continue} token, or null when this is the last page
 * @param remainingItemCount how many items follow this page, or null when unknown
 */
public record ListMeta(String resourceVersion, String continueToken, Long remainingItemCount) {
  /** No list metadata at all. */
  public static final ListMeta EMPTY = new ListMeta(null, null, null);

  /** The metadata of a Table made from one object: its resourceVersion, as upstream's ConvertToTable sets it. */
  public static ListMeta of(ObjectNode object) {
    JsonNode resourceVersion = object.path("metadata").path("resourceVersion");
    return new ListMeta(resourceVersion.isTextual() ? resourceVersion.textValue() : null, null, null);
  }

  /** The JSON {@code metadata} object. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      json.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      json.put("continue", continueToken);
    }
    if (remainingItemCount != null) {
      json.put("remainingItemCount", remainingItemCount);
    }
    return json;
  }
}
