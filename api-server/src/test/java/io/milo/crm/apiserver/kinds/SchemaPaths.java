package io.milo.crm.apiserver.kinds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SchemaPaths finds the schema node a field path or a printer-column JSONPath lands on, the way the
 * kube-apiserver checks CRD selectable fields and columns against the schema. {@code metadata} at the
 * root is ObjectMeta, which a CRD schema leaves as a bare object; it is expanded here.
 */
final class SchemaPaths {
  private static final ObjectNode OBJECT_META = parse("""
      {"type": "object", "properties": {
        "name": {"type": "string"}, "namespace": {"type": "string"}, "generateName": {"type": "string"},
        "uid": {"type": "string"}, "resourceVersion": {"type": "string"},
        "generation": {"type": "integer", "format": "int64"},
        "creationTimestamp": {"type": "string", "format": "date-time"},
        "deletionTimestamp": {"type": "string", "format": "date-time"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}}}}
      """);
  private static final Pattern FILTER = Pattern.compile("\\[\\?\\(@\\.(\\w+)\\s*(==|!=).*\\)]");
  private static final Pattern INDEX = Pattern.compile("\\[(\\*|\\d+)]");

  private SchemaPaths() {}

  /** The node at a dotted field path such as {@code spec.companyRef.name}, or null. */
  static JsonNode field(ObjectNode schema, String dotted) {
    JsonNode node = schema;
    for (String name : dotted.split("\\.", -1)) {
      node = property(node, name, node == schema);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** The node a CRD column path such as {@code .status.conditions[?(@.type=="Ready")].status} selects, or null. */
  static JsonNode jsonPath(ObjectNode schema, String path) {
    List<String> steps = steps(path);
    if (steps == null) {
      return null;
    }
    JsonNode node = schema;
    for (String step : steps) {
      if (step.startsWith("[")) {
        node = element(node, step);
      } else {
        node = property(node, step, node == schema);
      }
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  /** Visits every schema node, the root included, with a readable path ({@code []} for list items). */
  static void walk(JsonNode node, String path, BiConsumer<String, JsonNode> visitor) {
    visitor.accept(path, node);
    for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
      walk(property.getValue(), path + "." + property.getKey(), visitor);
    }
    if (node.has("items")) {
      walk(node.get("items"), path + "[]", visitor);
    }
    if (node.path("additionalProperties").isObject()) {
      walk(node.get("additionalProperties"), path + "{}", visitor);
    }
  }

  private static JsonNode property(JsonNode node, String name, boolean atRoot) {
    if (atRoot && name.equals("metadata")) {
      return OBJECT_META;
    }
    JsonNode property = node.path("properties").get(name);
    if (property != null) {
      return property;
    }
    JsonNode values = node.get("additionalProperties");
    return values != null && values.isObject() ? values : null;
  }

  private static JsonNode element(JsonNode array, String step) {
    JsonNode items = array.get("items");
    if (!"array".equals(array.path("type").asText()) || items == null) {
      return null;
    }
    if (INDEX.matcher(step).matches()) {
      return items;
    }
    Matcher filter = FILTER.matcher(step);
    return filter.matches() && items.path("properties").has(filter.group(1)) ? items : null;
  }

  /** ".a.b\.c[0]" to ["a", "b.c", "[0]"]; null when it is not a path CRD columns accept. */
  private static List<String> steps(String path) {
    if (!path.startsWith(".")) {
      return null;
    }
    List<String> steps = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    for (int i = 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        name.append(path.charAt(++i));
      } else if (c == '.' || c == '[') {
        if (name.length() > 0) {
          steps.add(name.toString());
          name.setLength(0);
        } else if (c == '.' && path.charAt(i - 1) != ']') {
          return null;
        }
        if (c == '[') {
          int end = path.indexOf(']', i);
          if (end < 0) {
            return null;
          }
          steps.add(path.substring(i, end + 1));
          i = end;
        }
      } else {
        name.append(c);
      }
    }
    if (name.length() > 0) {
      steps.add(name.toString());
    }
    return steps;
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
