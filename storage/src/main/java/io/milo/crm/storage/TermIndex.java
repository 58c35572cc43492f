package io.milo.crm.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * TermIndex indexes the elements of a list field so that the objects holding a given element are found
 * without a scan: for each element of the list at {@code listPath}, the values of {@code keyFields}
 * joined with '/' (a Person's contactRefs indexed by "namespace/name" answers "who references this
 * Contact?" in one lookup). Kept in {@code object_terms} with kind 'x', in the object's own write.
 *
 * @param name the index's name, unique within its resource type
 * @param listPath the dotted path of the list
 * @param keyFields the fields of each element that make its value, in order
 */
public record TermIndex(String name, String listPath, List<String> keyFields) {
  public TermIndex {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(listPath, "listPath");
    keyFields = List.copyOf(keyFields);
    if (keyFields.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " needs at least one key field");
    }
  }

  /** The value for one element's key fields, as {@link #values} computes it. */
  public static String value(List<String> keys) {
    return String.join("/", keys);
  }

  /** The index values of object: one per list element that has every key field. */
  public Set<String> values(ObjectNode object) {
    JsonNode list = object;
    for (String part : listPath.split("\\.")) {
      list = list.path(part);
    }
    Set<String> values = new LinkedHashSet<>();
    if (!list.isArray()) {
      return values;
    }
    for (JsonNode element : list) {
      StringBuilder value = new StringBuilder();
      boolean complete = true;
      for (String field : keyFields) {
        JsonNode key = element.path(field);
        if (!key.isTextual()) {
          complete = false;
          break;
        }
        value.append(value.length() == 0 ? "" : "/").append(key.asText());
      }
      if (complete) {
        values.add(value.toString());
      }
    }
    return values;
  }
}
