package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;

/**
 * Cells computes one Table cell from a column's value, as the kube-apiserver's CRD table convertor
 * does (k8s.io/apiextensions-apiserver pkg/registry/customresource/tableconvertor): a {@code string}
 * column prints the first value its path selects (objects and lists as JSON), {@code integer},
 * {@code number} and {@code boolean} keep the JSON value when it has that type, a {@code date} column
 * turns an RFC 3339 string into an age; anything else is null.
 */
final class Cells {
  private Cells() {}

  /** The cell of a column read from the object: {@code results} is what the column's path selected. */
  static JsonNode fromPath(String type, List<JsonNode> results, Instant now) {
    if (results.isEmpty()) {
      return NullNode.getInstance();
    }
    JsonNode value = results.get(0); // upstream keeps only the first result
    if (type.equals("string")) {
      return TextNode.valueOf(joinedStrings(value) != null ? joinedStrings(value) : GoText.print(value));
    }
    return typed(type, value, now);
  }

  /**
   * A list of strings joined with commas (DOMAINS reads "acme.com,acme.io"); null for anything else.
   * Here we differ from a CRD on purpose: its convertor prints the list as JSON, which resources.md
   * does not want for the overview pages.
   */
  private static String joinedStrings(JsonNode value) {
    if (!value.isArray() || value.isEmpty()) {
      return null;
    }
    StringBuilder joined = new StringBuilder();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        return null;
      }
      joined.append(joined.length() == 0 ? "" : ",").append(element.asText());
    }
    return joined.toString();
  }

  /** cellForJSONValue: the value kept when it has the column's type, null otherwise. */
  static JsonNode typed(String type, JsonNode value, Instant now) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullNode.getInstance();
    }
    switch (type) {
      case "integer":
        if (JsonValues.isInteger(value)) {
          return LongNode.valueOf(value.longValue());
        }
        if (value.isNumber()) {
          return LongNode.valueOf((long) value.doubleValue()); // Go int64(float64) truncates
        }
        break;
      case "number":
        if (value.isNumber()) {
          return number(value.doubleValue());
        }
        break;
      case "boolean":
        if (value.isBoolean()) {
          return value;
        }
        break;
      case "string":
        if (value.isTextual()) {
          return value;
        }
        break;
      case "date":
        if (value.isTextual()) {
          return TextNode.valueOf(age(value.textValue(), now));
        }
        break;
      default:
        break;
    }
    return NullNode.getInstance();
  }

  /** A date cell: {@code <unknown>} for the zero time, {@code <invalid>} for what is not RFC 3339. */
  static String age(String timestamp, Instant now) {
    return Rfc3339.parse(timestamp)
        .map(instant -> instant.equals(Rfc3339.ZERO) ? "<unknown>" : HumanDuration.since(instant, now))
        .orElse("<invalid>");
  }

  /**
   * The cell of a resolved column from the value its resolver gave: null, a String, a Number, a
   * Boolean, an Instant (date columns only) or a Jackson node, typed like a value read from JSON.
   */
  static JsonNode resolved(String type, Object value, Instant now) {
    if (value instanceof Instant instant) {
      if (!type.equals("date")) {
        throw new IllegalArgumentException("an Instant can only fill a date column, not a " + type + " column");
      }
      return TextNode.valueOf(instant.equals(Rfc3339.ZERO) ? "<unknown>" : HumanDuration.since(instant, now));
    }
    JsonNode node = json(value);
    if (type.equals("string") && !node.isNull()) {
      return TextNode.valueOf(GoText.print(node));
    }
    return typed(type, node, now);
  }

  private static JsonNode json(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    } else if (value instanceof JsonNode node) {
      return node;
    } else if (value instanceof String s) {
      return TextNode.valueOf(s);
    } else if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    } else if (value instanceof Double || value instanceof java.lang.Float) {
      return DoubleNode.valueOf(((Number) value).doubleValue());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return LongNode.valueOf(((Number) value).longValue());
    }
    throw new IllegalArgumentException("a resolved column value must be null, a String, Long, Integer, Double, "
        + "Boolean, Instant or JSON node, got " + value.getClass().getName());
  }

  /** A float64 cell: Go writes integral floats without a fraction, so they are kept integral here. */
  private static JsonNode number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return LongNode.valueOf((long) d);
    }
    return DoubleNode.valueOf(d);
  }
}
