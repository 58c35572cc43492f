package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SchemaNodes builds and walks OpenAPI schemas as Jackson trees in the version-neutral form this
 * package uses inside: a reference is {@code {"$ref": "<definition name>"}}, bare name, and may carry
 * siblings (description, default) the way kube-openapi's Go definitions do. The v2 and v3 writers
 * turn that form into {@code #/definitions/...} or {@code #/components/schemas/...} (see
 * {@link SchemaForms}).
 */
final class SchemaNodes {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final String REF = "$ref";

  private SchemaNodes() {}

  static ObjectNode object(String description) {
    return typed(description, "object");
  }

  static ObjectNode string(String description) {
    return typed(description, "string");
  }

  static ObjectNode bool(String description) {
    return typed(description, "boolean");
  }

  static ObjectNode integer(String description, String format) {
    return typed(description, "integer").put("format", format);
  }

  /** A string holding an RFC 3339 time, as metav1.Time publishes itself. */
  static ObjectNode dateTime(String description) {
    return typed(description, "string").put("format", "date-time");
  }

  static ObjectNode ref(String definition) {
    return NODES.objectNode().put(REF, definition);
  }

  static ObjectNode ref(String definition, String description) {
    return ref(definition).put("description", description);
  }

  static ObjectNode arrayOf(ObjectNode items, String description) {
    ObjectNode array = typed(description, "array");
    array.set("items", items);
    return array;
  }

  /** A map of strings, as labels and annotations are: each value defaults to "". */
  static ObjectNode stringMap(String description) {
    ObjectNode map = object(description);
    map.set("additionalProperties", NODES.objectNode().put("default", "").put("type", "string"));
    return map;
  }

  /** Adds {@code properties} (kept in the order given) to an object schema and returns it. */
  static ObjectNode withProperties(ObjectNode schema, Map<String, ObjectNode> properties) {
    ObjectNode target = schema.putObject("properties");
    properties.forEach(target::set);
    return schema;
  }

  static ObjectNode required(ObjectNode schema, String... names) {
    ArrayNode required = schema.putArray("required");
    for (String name : names) {
      required.add(name);
    }
    return schema;
  }

  /**
   * Calls {@code visitor} on {@code schema} and on every schema nested in it (properties, items,
   * additionalProperties, allOf/anyOf/oneOf, not), parents first. A property <em>named</em>
   * "default" or "$ref" is a schema, never mistaken for a keyword.
   */
  static void walk(JsonNode schema, Consumer<ObjectNode> visitor) {
    if (!(schema instanceof ObjectNode node)) {
      return;
    }
    visitor.accept(node);
    if (node.get("properties") instanceof ObjectNode properties) {
      for (Iterator<JsonNode> it = properties.elements(); it.hasNext(); ) {
        walk(it.next(), visitor);
      }
    }
    walk(node.get("items"), visitor);
    walk(node.get("additionalProperties"), visitor);
    walk(node.get("not"), visitor);
    for (String junctor : new String[] {"allOf", "anyOf", "oneOf"}) {
      if (node.get(junctor) instanceof ArrayNode list) {
        list.forEach(each -> walk(each, visitor));
      }
    }
  }

  private static ObjectNode typed(String description, String type) {
    ObjectNode node = NODES.objectNode();
    if (description != null) {
      node.put("description", description);
    }
    return node.put("type", type);
  }
}
