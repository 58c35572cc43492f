package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.milo.crm.apiserver.table.JsonPathNode.Bool;
import io.milo.crm.apiserver.table.JsonPathNode.Field;
import io.milo.crm.apiserver.table.JsonPathNode.Filter;
import io.milo.crm.apiserver.table.JsonPathNode.Float;
import io.milo.crm.apiserver.table.JsonPathNode.Int;
import io.milo.crm.apiserver.table.JsonPathNode.Recursive;
import io.milo.crm.apiserver.table.JsonPathNode.Slice;
import io.milo.crm.apiserver.table.JsonPathNode.Steps;
import io.milo.crm.apiserver.table.JsonPathNode.Text;
import io.milo.crm.apiserver.table.JsonPathNode.Union;
import io.milo.crm.apiserver.table.JsonPathNode.Wildcard;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * JsonPath is a printer-column path such as {@code .status.conditions[?(@.type=="Ready")].status},
 * parsed and evaluated the way the kube-apiserver evaluates a CRD's additionalPrinterColumns: client-go
 * util/jsonpath with missing keys allowed, over the object as decoded JSON. Supported: fields (with
 * backslash-escaped dots), {@code ['key']}, {@code [n]}, slices {@code [a:b:c]}, {@code [*]},
 * {@code .*}, {@code ..}, unions {@code [a,b]} and filters with {@code == != < > <= >=} or existence.
 */
public final class JsonPath {
  private final String path;
  private final Steps steps;

  private JsonPath(String path, Steps steps) {
    this.path = path;
    this.steps = steps;
  }

  /**
   * Parses {@code path} as the kube-apiserver parses a column's jsonPath ({@code {<path>}}).
   *
   * @throws JsonPathException when it does not parse
   */
  public static JsonPath parse(String path) {
    Objects.requireNonNull(path, "path");
    return new JsonPath(path, JsonPathParser.parse(path));
  }

  /** The path as written. */
  public String path() {
    return path;
  }

  /**
   * Every value the path selects in {@code data}, in order; empty when a key is missing.
   *
   * @throws JsonPathException when evaluation fails (an index out of bounds, a filter over a non-list,
   *     values of different types compared)
   */
  public List<JsonNode> evaluate(JsonNode data) {
    return walk(List.of(data), steps);
  }

  @Override
  public String toString() {
    return path;
  }

  private List<JsonNode> walk(List<JsonNode> input, JsonPathNode node) {
    if (node instanceof Steps list) {
      List<JsonNode> current = input;
      for (JsonPathNode step : list.nodes()) {
        current = walk(current, step);
      }
      return current;
    }
    if (node instanceof Field field) {
      return field(input, field.name());
    }
    if (node instanceof Slice slice) {
      return slice(input, slice);
    }
    if (node instanceof Filter filter) {
      return filter(input, filter);
    }
    if (node instanceof Wildcard) {
      List<JsonNode> results = new ArrayList<>();
      input.forEach(value -> results.addAll(children(value)));
      return results;
    }
    if (node instanceof Recursive) {
      return recursive(input);
    }
    if (node instanceof Union union) {
      List<JsonNode> results = new ArrayList<>();
      union.alternatives().forEach(alternative -> results.addAll(walk(input, alternative)));
      return results;
    }
    if (node instanceof Text text) {
      return List.of(TextNode.valueOf(text.text())); // one value, whatever the input: as upstream
    }
    JsonNode literal = literal(node);
    return input.stream().map(value -> literal).toList();
  }

  private static JsonNode literal(JsonPathNode node) {
    if (node instanceof Int i) {
      return LongNode.valueOf(i.value());
    }
    if (node instanceof Float f) {
      return DoubleNode.valueOf(f.value());
    }
    return BooleanNode.valueOf(((Bool) node).value());
  }

  private static List<JsonNode> field(List<JsonNode> input, String name) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode value : input) {
      if (value.isObject() && value.has(name)) {
        results.add(value.get(name));
      }
    }
    return results;
  }

  private static List<JsonNode> slice(List<JsonNode> input, Slice slice) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode value : input) {
      if (value.isNull()) {
        continue;
      }
      if (!value.isArray()) {
        throw new JsonPathException(goType(value) + " is not array or slice");
      }
      int length = value.size();
      int start = slice.start().known() ? slice.start().value() : 0;
      if (start < 0) {
        start += length;
      }
      int end = slice.end().known() ? slice.end().value() : length;
      if (end < 0 || (end == 0 && slice.end().derived())) {
        end += length;
      }
      if (end == start) {
        return results; // upstream returns here, skipping the remaining inputs
      }
      if (start >= length || start < 0) {
        throw new JsonPathException("array index out of bounds: index " + start + ", length " + length);
      }
      if (end > length || end < 0) {
        throw new JsonPathException("array index out of bounds: index " + (end - 1) + ", length " + length);
      }
      if (start > end) {
        throw new JsonPathException("starting index " + start + " is greater than ending index " + end);
      }
      int step = 1;
      if (slice.step().known()) {
        if (slice.step().value() <= 0) {
          throw new JsonPathException("step must be > 0");
        }
        step = slice.step().value();
      }
      for (int i = start; i < end; i += step) {
        results.add(value.get(i));
      }
    }
    return results;
  }

  private List<JsonNode> filter(List<JsonNode> input, Filter filter) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode value : input) {
      if (!value.isArray()) {
        throw new JsonPathException(goType(value) + " is not array or slice and cannot be filtered");
      }
      for (JsonNode element : value) {
        if (filter.operator().equals("exists")) {
          if (!existing(element, filter.left()).isEmpty()) {
            results.add(element);
          }
          continue;
        }
        List<JsonNode> lefts = walk(List.of(element), filter.left());
        if (lefts.isEmpty()) {
          continue;
        }
        if (lefts.size() > 1) {
          throw new JsonPathException("can only compare one element at a time");
        }
        List<JsonNode> rights = walk(List.of(element), filter.right());
        if (rights.isEmpty()) {
          continue;
        }
        if (rights.size() > 1) {
          throw new JsonPathException("can only compare one element at a time");
        }
        if (GoComparison.holds(filter.operator(), lefts.get(0), rights.get(0))) {
          results.add(element);
        }
      }
    }
    return results;
  }

  private List<JsonNode> existing(JsonNode element, Steps left) {
    try {
      return walk(List.of(element), left);
    } catch (JsonPathException e) {
      return List.of();
    }
  }

  private static List<JsonNode> recursive(List<JsonNode> input) {
    List<JsonNode> results = new ArrayList<>();
    for (JsonNode value : input) {
      List<JsonNode> children = children(value);
      if (!children.isEmpty()) {
        results.add(value);
        results.addAll(recursive(children));
      }
    }
    return results;
  }

  /** An object's values, a list's elements, or a string's bytes (Go ranges over a string's bytes). */
  private static List<JsonNode> children(JsonNode value) {
    List<JsonNode> children = new ArrayList<>();
    if (value.isContainerNode()) {
      value.elements().forEachRemaining(children::add);
    } else if (value.isTextual()) {
      for (byte b : value.textValue().getBytes(StandardCharsets.UTF_8)) {
        children.add(LongNode.valueOf(b & 0xff));
      }
    }
    return children;
  }

  private static String goType(JsonNode value) {
    return switch (JsonValues.kind(value)) {
      case BOOL -> "bool";
      case INT -> "int64";
      case FLOAT -> "float64";
      case STRING -> "string";
      case OTHER -> value.isObject() ? "map[string]interface {}" : value.isNull() ? "<invalid reflect.Value>" : "[]interface {}";
    };
  }

  /** The comparisons of client-go's forked text/template funcs, on JSON values. */
  private static final class GoComparison {
    private GoComparison() {}

    static boolean holds(String operator, JsonNode left, JsonNode right) {
      return switch (operator) {
        case "==" -> equal(left, right);
        case "!=" -> !equal(left, right);
        case "<" -> less(left, right);
        case "<=" -> less(left, right) || equal(left, right);
        case ">" -> !(less(left, right) || equal(left, right));
        case ">=" -> !less(left, right);
        default -> throw new JsonPathException("unrecognized filter operator " + operator);
      };
    }

    private static JsonValues.Kind kinds(JsonNode left, JsonNode right) {
      JsonValues.Kind kind = JsonValues.kind(left);
      JsonValues.Kind other = JsonValues.kind(right);
      if (kind == JsonValues.Kind.OTHER || other == JsonValues.Kind.OTHER) {
        throw new JsonPathException("invalid type for comparison");
      }
      if (kind != other) {
        throw new JsonPathException("incompatible types for comparison");
      }
      return kind;
    }

    static boolean equal(JsonNode left, JsonNode right) {
      return switch (kinds(left, right)) {
        case BOOL -> left.booleanValue() == right.booleanValue();
        case INT -> left.longValue() == right.longValue();
        case FLOAT -> left.doubleValue() == right.doubleValue();
        default -> left.textValue().equals(right.textValue());
      };
    }

    static boolean less(JsonNode left, JsonNode right) {
      return switch (kinds(left, right)) {
        case BOOL -> throw new JsonPathException("invalid type for comparison");
        case INT -> left.longValue() < right.longValue();
        case FLOAT -> left.doubleValue() < right.doubleValue();
        default -> Arrays.compareUnsigned(left.textValue().getBytes(StandardCharsets.UTF_8),
            right.textValue().getBytes(StandardCharsets.UTF_8)) < 0;
      };
    }
  }
}
