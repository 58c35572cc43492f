package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JsonValues answers questions about decoded JSON values the way the kube-apiserver answers them
 * about its decoded {@code interface{}} values: their OpenAPI type and Go format, and equality as
 * reflect.DeepEqual sees it (an integer never equals a float, whatever their values).
 */
final class JsonValues {
  private JsonValues() {}

  /** The OpenAPI type of a decoded value: string, boolean, integer, number, array or object. */
  static String openApiType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isArray()) {
      return "array";
    }
    return "object";
  }

  /** The format kube-openapi's type validator infers from the Go type: int64, float64 or none. */
  static String goFormat(JsonNode value) {
    if (value.isIntegralNumber()) {
      return "int64";
    }
    if (value.isNumber()) {
      return "float64";
    }
    return "";
  }

  /** reflect.DeepEqual of two decoded values; null and missing are the same nil. */
  static boolean deepEqual(JsonNode a, JsonNode b) {
    boolean aNil = a == null || a.isNull() || a.isMissingNode();
    boolean bNil = b == null || b.isNull() || b.isMissingNode();
    if (aNil || bNil) {
      return aNil && bNil;
    }
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() != b.isIntegralNumber()) {
        return false;
      }
      return a.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
          : Double.compare(a.doubleValue(), b.doubleValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!deepEqual(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!b.has(field.getKey()) || !deepEqual(field.getValue(), b.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
