package io.milo.crm.apiserver.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SchemaValues checks a value (a default, an enum member) against a schema node, as the
 * kube-apiserver checks a CRD's defaults: a default that its own schema rejects is a declaration bug.
 */
final class SchemaValues {
  private SchemaValues() {}

  /** What is wrong with {@code value} under {@code schema}; empty when it conforms. */
  static List<String> violations(JsonNode schema, JsonNode value, String path) {
    List<String> problems = new ArrayList<>();
    check(schema, value, path, problems);
    return problems;
  }

  private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
    String type = schema.path("type").asText();
    boolean typeOk = switch (type) {
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> false;
    };
    if (!typeOk) {
      problems.add(path + ": " + value + " is not of type " + type);
      return;
    }
    if (schema.has("enum") && !containsValue(schema.get("enum"), value)) {
      problems.add(path + ": " + value + " is not in " + schema.get("enum"));
    }
    if (value.isTextual()) {
      checkString(schema, value.asText(), path, problems);
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(path + "." + required.asText() + ": required");
        }
      }
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        JsonNode property = schema.path("properties").get(field.getKey());
        if (property == null) {
          problems.add(path + "." + field.getKey() + ": not declared");
        } else {
          check(property, field.getValue(), path + "." + field.getKey(), problems);
        }
      }
    }
    if (value.isArray()) {
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
        problems.add(path + ": more than " + schema.get("maxItems") + " items");
      }
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  private static void checkString(JsonNode schema, String value, String path, List<String> problems) {
    if (value.length() < schema.path("minLength").asInt(0) || value.length() > schema.path("maxLength").asInt(Integer.MAX_VALUE)) {
      problems.add(path + ": length of \"" + value + "\" is out of bounds");
    }
    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value).find()) {
      problems.add(path + ": \"" + value + "\" does not match " + schema.get("pattern").asText());
    }
    if ("date-time".equals(schema.path("format").asText())) {
      try {
        OffsetDateTime.parse(value);
      } catch (DateTimeParseException e) {
        problems.add(path + ": \"" + value + "\" is not a date-time");
      }
    }
  }

  private static boolean containsValue(JsonNode array, JsonNode value) {
    for (JsonNode member : array) {
      if (member.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
