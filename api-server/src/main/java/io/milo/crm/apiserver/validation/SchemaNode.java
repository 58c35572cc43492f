package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SchemaNode is one node of an OpenAPI v3 structural schema as apiextensions.k8s.io/v1 allows it,
 * read once from the declaration: the keywords the validator, pruner and defaulter act on. Keywords
 * a structural schema may carry but no declared kind uses (allOf/anyOf/oneOf/not, additionalProperties,
 * x-kubernetes-preserve-unknown-fields, x-kubernetes-embedded-resource, x-kubernetes-int-or-string,
 * x-kubernetes-validations) are refused at load, so a kind cannot silently get weaker validation.
 */
final class SchemaNode {
  private static final List<String> UNSUPPORTED = List.of("allOf", "anyOf", "oneOf", "not", "additionalProperties",
      "patternProperties", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
      "x-kubernetes-int-or-string", "x-kubernetes-validations", "$ref", "uniqueItems", "multipleOf", "minProperties",
      "maxProperties");

  final String type;
  final boolean nullable;
  final String format;
  final Map<String, SchemaNode> properties;
  final SchemaNode items;
  final List<String> required;
  final List<JsonNode> enumValues;
  final Long minLength;
  final Long maxLength;
  final String patternText;
  final Pattern pattern;
  final Double minimum;
  final boolean exclusiveMinimum;
  final Double maximum;
  final boolean exclusiveMaximum;
  final Long minItems;
  final Long maxItems;
  final String listType;
  final List<String> listMapKeys;
  final JsonNode defaultValue;

  private SchemaNode(JsonNode schema, String where) {
    for (String keyword : UNSUPPORTED) {
      if (schema.has(keyword)) {
        throw new IllegalArgumentException(where + ": schema keyword " + keyword + " is not supported");
      }
    }
    type = text(schema, "type");
    nullable = schema.path("nullable").asBoolean(false);
    format = StringFormats.supportedOrNull(text(schema, "format"), where);
    Map<String, SchemaNode> props = new LinkedHashMap<>();
    schema.path("properties").fields()
        .forEachRemaining(entry -> props.put(entry.getKey(), new SchemaNode(entry.getValue(), where + "." + entry.getKey())));
    properties = Collections.unmodifiableMap(props);
    items = schema.has("items") ? new SchemaNode(schema.get("items"), where + "[]") : null;
    required = strings(schema.path("required"));
    List<JsonNode> values = new ArrayList<>();
    schema.path("enum").forEach(values::add);
    enumValues = List.copyOf(values);
    minLength = integer(schema, "minLength");
    maxLength = integer(schema, "maxLength");
    patternText = text(schema, "pattern");
    pattern = patternText == null ? null : compile(patternText, where);
    minimum = schema.has("minimum") ? schema.get("minimum").asDouble() : null;
    exclusiveMinimum = schema.path("exclusiveMinimum").asBoolean(false);
    maximum = schema.has("maximum") ? schema.get("maximum").asDouble() : null;
    exclusiveMaximum = schema.path("exclusiveMaximum").asBoolean(false);
    minItems = integer(schema, "minItems");
    maxItems = integer(schema, "maxItems");
    listType = text(schema, "x-kubernetes-list-type");
    listMapKeys = strings(schema.path("x-kubernetes-list-map-keys"));
    defaultValue = schema.has("default") ? schema.get("default").deepCopy() : null;
  }

  /** Reads a whole-object schema; {@code kind} names it in errors. */
  static SchemaNode of(JsonNode schema, String kind) {
    return new SchemaNode(schema, kind);
  }

  /** The schema of property {@code name}, or null when the schema does not declare it. */
  SchemaNode property(String name) {
    return properties.get(name);
  }

  private static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": pattern does not compile: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode schema, String keyword) {
    JsonNode value = schema.get(keyword);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long integer(JsonNode schema, String keyword) {
    JsonNode value = schema.get(keyword);
    return value == null || value.isNull() ? null : value.asLong();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return List.copyOf(out);
  }
}
