package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Correlation pairs a value of an updated object with the value at the same place in the old object,
 * as k8s.io/apiserver's CorrelatedObject does for CRD validation ratcheting (GA and always on in
 * 1.33): schema errors in a part of the object that did not change are not reported, so an object
 * stored under an older, looser schema can still be updated elsewhere. Object properties correlate
 * by name (only properties the schema declares), list items only in lists of
 * {@code x-kubernetes-list-type: map}, by their keys; sets and atomic lists do not correlate.
 */
final class Correlation {
  private final JsonNode value;
  private final JsonNode oldValue;
  private final SchemaNode schema;
  private Boolean equal;

  Correlation(JsonNode value, JsonNode oldValue, SchemaNode schema) {
    this.value = value;
    this.oldValue = oldValue;
    this.schema = schema;
  }

  /** The correlation of property {@code field}, or null when it is not in both objects or not in the schema. */
  Correlation key(String field) {
    if (!value.isObject() || !oldValue.isObject() || !value.has(field) || !oldValue.has(field)) {
      return null;
    }
    SchemaNode property = schema.property(field);
    return property == null ? null : new Correlation(value.get(field), oldValue.get(field), property);
  }

  /** The correlation of item {@code index}: its old item with the same map keys, or null. */
  Correlation index(int index) {
    if (!value.isArray() || !oldValue.isArray() || index >= value.size() || schema.items == null
        || !"map".equals(schema.listType)) {
      return null;
    }
    JsonNode item = value.get(index);
    for (JsonNode oldItem : oldValue) {
      if (sameKeys(item, oldItem)) {
        return new Correlation(item, oldItem, schema.items);
      }
    }
    return null;
  }

  /** Whether the value is unchanged, judged as CachedDeepEqual judges it. */
  boolean unchanged() {
    if (equal == null) {
      equal = computeUnchanged();
    }
    return equal;
  }

  private boolean computeUnchanged() {
    boolean newNil = value.isNull();
    boolean oldNil = oldValue.isNull();
    if (newNil || oldNil) {
      return newNil && oldNil;
    }
    if (value.isArray() && oldValue.isArray()) {
      if (value.size() != oldValue.size()) {
        return false;
      }
      if (!"map".equals(schema.listType)) {
        return JsonValues.deepEqual(value, oldValue);
      }
      for (int i = 0; i < value.size(); i++) {
        Correlation child = index(i);
        if (child == null || !child.unchanged()) {
          return false;
        }
      }
      return true;
    }
    if (value.isObject() && oldValue.isObject()) {
      if (value.size() != oldValue.size()) {
        return false;
      }
      var names = value.fieldNames();
      while (names.hasNext()) {
        Correlation child = key(names.next());
        if (child == null || !child.unchanged()) {
          return false;
        }
      }
      return true;
    }
    if (value.isContainerNode() || oldValue.isContainerNode()) {
      return false;
    }
    return JsonValues.deepEqual(value, oldValue);
  }

  private boolean sameKeys(JsonNode item, JsonNode oldItem) {
    if (!item.isObject() || !oldItem.isObject()) {
      return false;
    }
    for (String key : schema.listMapKeys) {
      if (!item.has(key) || !oldItem.has(key) || item.get(key).isContainerNode()
          || !JsonValues.deepEqual(item.get(key), oldItem.get(key))) {
        return false;
      }
    }
    return true;
  }
}
