package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Defaulter applies a structural schema's {@code default}s as apiextensions-apiserver's
 * defaulting.Default does: a property that is absent, or null where the schema does not allow null,
 * gets a copy of its default; a null list item gets the items' default; then it descends into every
 * declared property and item, so defaults inside defaults and inside list items apply too. A
 * default never creates the object it sits in: {@code status.conditions} is defaulted only when
 * {@code status} exists.
 */
final class Defaulter {
  private final SchemaNode root;

  Defaulter(SchemaNode root) {
    this.root = root;
  }

  /** Applies the defaults to {@code object} in place. */
  void apply(ObjectNode object) {
    apply(object, root);
  }

  private static void apply(JsonNode value, SchemaNode schema) {
    if (schema == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, SchemaNode> property : schema.properties.entrySet()) {
        SchemaNode propertySchema = property.getValue();
        if (propertySchema.defaultValue == null) {
          continue;
        }
        JsonNode current = object.get(property.getKey());
        if (current == null || (current.isNull() && !propertySchema.nullable)) {
          object.set(property.getKey(), propertySchema.defaultValue.deepCopy());
        }
      }
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        SchemaNode property = schema.property(name);
        if (property != null) {
          apply(object.get(name), property);
        }
      }
    } else if (value instanceof ArrayNode array) {
      SchemaNode items = schema.items;
      for (int i = 0; i < array.size(); i++) {
        if (items != null && items.defaultValue != null && array.get(i).isNull() && !items.nullable) {
          array.set(i, items.defaultValue.deepCopy());
        }
        apply(array.get(i), items);
      }
    }
  }
}
