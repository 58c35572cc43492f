package io.milo.crm.apiserver.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SchemaFields flattens a kind's OpenAPI v3 schema into one row per field, depth first in declaration
 * order: {@code spec.contactRefs[]} for a list's elements, {@code spec.contactRefs[].name} for their
 * fields. Each row says the field's type, whether its parent requires it, and its constraints in words.
 */
final class SchemaFields {
  /** One field of the schema. */
  record Field(String path, String type, boolean required, List<String> constraints, String description) {}

  private SchemaFields() {}

  static List<Field> of(JsonNode schema) {
    List<Field> fields = new ArrayList<>();
    properties(schema, "", fields);
    return fields;
  }

  private static void properties(JsonNode schema, String prefix, List<Field> fields) {
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(name -> required.add(name.asText()));
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String path = prefix + property.getKey();
      field(property.getValue(), path, required.contains(property.getKey()), fields);
    }
  }

  private static void field(JsonNode schema, String path, boolean required, List<Field> fields) {
    fields.add(new Field(path, type(schema), required, constraints(schema), schema.path("description").asText("")));
    properties(schema, path + ".", fields);
    JsonNode items = schema.path("items");
    if (items.isObject() && (items.has("properties") || !constraints(items).isEmpty()
        || items.has("description"))) {
      field(items, path + "[]", false, fields);
    }
  }

  /** {@code string}, {@code string (date-time)}, {@code []object}. */
  static String type(JsonNode schema) {
    String type = schema.path("type").asText("");
    if (type.equals("array")) {
      return "[]" + type(schema.path("items"));
    }
    String format = schema.path("format").asText("");
    return format.isEmpty() ? type : type + " (" + format + ")";
  }

  static List<String> constraints(JsonNode schema) {
    List<String> constraints = new ArrayList<>();
    range(schema, "minLength", "maxLength", "length", constraints);
    range(schema, "minItems", "maxItems", "items", constraints);
    range(schema, "minimum", "maximum", "value", constraints);
    if (schema.has("pattern")) {
      constraints.add("pattern `" + schema.get("pattern").asText() + "`");
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(value -> values.add("`" + value.asText() + "`"));
      constraints.add("one of " + String.join(", ", values));
    }
    if (schema.has("default")) {
      constraints.add("default `" + schema.get("default") + "`");
    }
    String listType = schema.path("x-kubernetes-list-type").asText("");
    if (listType.equals("set")) {
      constraints.add("unique items");
    } else if (listType.equals("map")) {
      List<String> keys = new ArrayList<>();
      schema.path("x-kubernetes-list-map-keys").forEach(key -> keys.add("`" + key.asText() + "`"));
      constraints.add("unique by " + String.join(", ", keys));
    }
    return constraints;
  }

  private static void range(JsonNode schema, String min, String max, String what, List<String> constraints) {
    boolean hasMin = schema.has(min);
    boolean hasMax = schema.has(max);
    if (hasMin && hasMax) {
      constraints.add(what + " " + schema.get(min).asText() + "-" + schema.get(max).asText());
    } else if (hasMin) {
      constraints.add(what + " >= " + schema.get(min).asText());
    } else if (hasMax) {
      constraints.add(what + " <= " + schema.get(max).asText());
    }
  }
}
