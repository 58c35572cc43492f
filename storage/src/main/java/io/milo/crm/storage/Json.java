package io.milo.crm.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Json holds the store's one ObjectMapper and the few tree helpers the store needs. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object's metadata node, created when missing. */
  public static ObjectNode metadata(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    if (meta instanceof ObjectNode m) {
      return m;
    }
    return object.putObject("metadata");
  }

  /** metadata.labels as a map of strings (empty when absent). */
  public static Map<String, String> labels(ObjectNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    Map<String, String> out = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /**
   * The values of the given dotted field paths, as field selectors see them: a scalar's text, ""
   * for a missing or null field, and the JSON text for a nested object or array.
   */
  public static Map<String, String> fields(ObjectNode object, List<String> paths) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String path : paths) {
      JsonNode node = object;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      String value;
      if (node.isMissingNode() || node.isNull()) {
        value = "";
      } else if (node.isValueNode()) {
        value = node.asText();
      } else {
        value = write(node);
      }
      out.put(path, value);
    }
    return out;
  }

  public static String writeMap(Map<String, String> map) {
    try {
      return MAPPER.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
