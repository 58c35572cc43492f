package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pruner drops what a CRD's structural schema does not declare, as the kube-apiserver does when it
 * decodes a custom resource (pruning.PruneWithOptions at the resource root, where apiVersion, kind
 * and metadata are always kept), then drops nulls the schema neither allows nor defaults
 * (defaulting.PruneNonNullableNullsWithoutDefaults). The paths of dropped fields are what the
 * server reports as unknown fields: sorted, as upstream sorts them.
 */
final class Pruner {
  private static final Set<String> TYPE_AND_OBJECT_META = Set.of("apiVersion", "kind", "metadata");

  private final SchemaNode root;

  Pruner(SchemaNode root) {
    this.root = root;
  }

  /** Prunes {@code object} in place and returns the paths of the fields it removed, sorted. */
  List<String> prune(ObjectNode object) {
    List<String> unknown = new ArrayList<>();
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (TYPE_AND_OBJECT_META.contains(name)) {
        continue;
      }
      SchemaNode property = root.property(name);
      if (property == null) {
        unknown.add(name);
        object.remove(name);
      } else {
        prune(object.get(name), property, name, unknown);
      }
    }
    unknown.sort(null);
    dropNulls(object, root);
    return unknown;
  }

  private static void prune(JsonNode value, SchemaNode schema, String path, List<String> unknown) {
    if (value instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        SchemaNode property = schema == null ? null : schema.property(name);
        String child = path + "." + name;
        if (property == null) {
          unknown.add(child);
          object.remove(name);
        } else {
          prune(object.get(name), property, child, unknown);
        }
      }
    } else if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        prune(array.get(i), schema == null ? null : schema.items, path + "[" + i + "]", unknown);
      }
    }
  }

  /** Removes null properties whose schema is neither nullable nor defaulted; items stay. */
  private static void dropNulls(JsonNode value, SchemaNode schema) {
    if (value instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        SchemaNode property = schema == null ? null : schema.property(name);
        JsonNode child = object.get(name);
        if (child.isNull() && property != null && !property.nullable && property.defaultValue == null) {
          object.remove(name);
        } else {
          dropNulls(child, property);
        }
      }
    } else if (value instanceof ArrayNode array) {
      array.forEach(item -> dropNulls(item, schema == null ? null : schema.items));
    }
  }
}
