package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JsonValues tells which Go type a JSON value has once the kube-apiserver has decoded an object into
 * unstructured form: integers that fit int64 become int64, every other number float64. Column cells
 * and JSONPath comparisons depend on that split.
 */
final class JsonValues {
  /** The Go kinds JSONPath filters compare (k8s.io/client-go third_party template basicKind). */
  enum Kind { BOOL, INT, FLOAT, STRING, OTHER }

  private JsonValues() {}

  static boolean isInteger(JsonNode value) {
    return value.isIntegralNumber() && value.canConvertToLong();
  }

  static Kind kind(JsonNode value) {
    if (value.isBoolean()) {
      return Kind.BOOL;
    }
    if (isInteger(value)) {
      return Kind.INT;
    }
    if (value.isNumber()) {
      return Kind.FLOAT;
    }
    if (value.isTextual()) {
      return Kind.STRING;
    }
    return Kind.OTHER;
  }
}
