package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * ListTypeValidator enforces {@code x-kubernetes-list-type} as apiextensions-apiserver's
 * listtype.ValidateListSetsAndMaps does: a set may not hold a value twice, a map may not hold two
 * items with the same keys, and every map item is an object. Each repeat is reported once, at the
 * index where it first repeats, as FieldValueDuplicate with the value (a set) or the keys (a map).
 */
final class ListTypeValidator {
  private final SchemaNode root;

  ListTypeValidator(SchemaNode root) {
    this.root = root;
  }

  /** The list-type errors of {@code object}. */
  List<FieldError> validate(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    walkObject(object, root, "", errors);
    return errors;
  }

  private void walkObject(JsonNode object, SchemaNode schema, String path, List<FieldError> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      SchemaNode property = schema.property(field.getKey());
      if (property != null) {
        walk(field.getValue(), property, SchemaValidator.child(path, field.getKey()), out);
      }
    }
  }

  private void walk(JsonNode value, SchemaNode schema, String path, List<FieldError> out) {
    if (value.isObject()) {
      walkObject(value, schema, path, out);
    } else if (value.isArray()) {
      walkArray(value, schema, path, out);
    }
  }

  private void walkArray(JsonNode array, SchemaNode schema, String path, List<FieldError> out) {
    if ("set".equals(schema.listType)) {
      List<JsonNode> values = new ArrayList<>();
      array.forEach(values::add);
      for (int index : repeats(values)) {
        out.add(FieldError.duplicate(path + "[" + index + "]", array.get(index)));
      }
    } else if ("map".equals(schema.listType)) {
      out.addAll(mapErrors(array, schema, path));
    }
    if (schema.items != null) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.get(i), schema.items, path + "[" + i + "]", out);
      }
    }
  }

  private static List<FieldError> mapErrors(JsonNode array, SchemaNode schema, String path) {
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isNull() && !item.isObject()) {
        return List.of(FieldError.invalid(path + "[" + i + "]", item, "must be an object for an array of list-type map"));
      }
    }
    if (array.size() <= 1) {
      return List.of();
    }
    List<JsonNode> keys = new ArrayList<>();
    for (JsonNode item : array) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      for (String keyField : schema.listMapKeys) {
        if (item.isObject() && item.has(keyField)) {
          key.set(keyField, item.get(keyField));
        }
      }
      keys.add(key);
    }
    List<FieldError> errors = new ArrayList<>();
    if (schema.listMapKeys.size() == 1) {
      // One key: keys compare as the key's values; an item without it has the "unspecified" key.
      String keyField = schema.listMapKeys.get(0);
      List<JsonNode> values = new ArrayList<>();
      keys.forEach(key -> values.add(key.has(keyField) ? key.get(keyField) : null));
      for (int index : repeats(values)) {
        errors.add(FieldError.duplicate(path + "[" + index + "]", keys.get(index)));
      }
      return errors;
    }
    for (int index : repeats(keys)) {
      errors.add(FieldError.duplicate(path + "[" + index + "]", keys.get(index)));
    }
    return errors;
  }

  /** The indexes where a value is seen for the second time (a third sighting is not reported again). */
  private static List<Integer> repeats(List<JsonNode> values) {
    if (values.size() <= 1) {
      return List.of();
    }
    Map<String, Integer> seen = new HashMap<>();
    List<Integer> repeated = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      int times = seen.merge(identity(values.get(i)), 1, Integer::sum);
      if (times == 2) {
        repeated.add(i);
      }
    }
    return repeated;
  }

  /**
   * What makes two values the same to upstream: scalars compare as Go values (an int64 is never a
   * float64), objects and arrays compare by their JSON encoding with sorted keys.
   */
  private static String identity(JsonNode value) {
    if (value == null) {
      return "unspecified";
    }
    if (value.isNull()) {
      return "nil";
    }
    if (value.isContainerNode()) {
      return "json:" + canonicalJson(value);
    }
    return JsonValues.openApiType(value) + ":" + GoFormat.goSyntax(value);
  }

  private static String canonicalJson(JsonNode value) {
    if (value.isObject()) {
      List<String> names = new ArrayList<>();
      value.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      List<String> members = new ArrayList<>();
      names.forEach(name -> members.add(GoFormat.quote(name) + ":" + canonicalJson(value.get(name))));
      return "{" + String.join(",", members) + "}";
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(canonicalJson(item)));
      return "[" + String.join(",", items) + "]";
    }
    if (value.isNumber()) {
      return value.isIntegralNumber() ? value.bigIntegerValue().toString() : GoFormat.float64(value.doubleValue());
    }
    return value.isNull() ? "null" : value.toString();
  }
}
