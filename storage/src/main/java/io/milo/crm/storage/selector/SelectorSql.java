package io.milo.crm.storage.selector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.milo.crm.storage.sql.SqlBuilder;
import java.util.List;

/**
 * SelectorSql compiles label and field selectors to SQL conditions that select exactly the rows
 * whose objects {@link LabelSelector#matches} and {@link FieldSelector#matches} accept, so a list
 * can filter in the database. Each requirement becomes one {@code " AND ..."} fragment appended
 * after the caller's {@code WHERE} conditions; selector text only ever reaches the statement as
 * bind parameters.
 *
 * <p>Labels and selectable field values are stored as flat jsonb objects of strings. Positive
 * conditions are jsonb containment ({@code @>}), and for labels also key existence ({@code ?}),
 * which a GIN index on the column answers (jsonb_ops for labels; containment alone also works with
 * jsonb_path_ops), so a selective list costs what it returns. Negations cannot use an index and
 * are filtered alongside.
 */
public final class SelectorSql {
  /**
   * A label value that {@code >} and {@code <} may cast to numeric: an optional sign and at most
   * 19 digits after any leading zeros. That covers every int64 and stays far inside numeric's
   * range; whether the value fits in int64 is then checked in numeric.
   */
  private static final String INTEGER_PATTERN = "'^[+-]?0*[0-9]{1,19}$'";
  private static final String INT64_RANGE = "BETWEEN -9223372036854775808 AND 9223372036854775807";
  private static final String NAME = "metadata.name";
  private static final String NAMESPACE = "metadata.namespace";

  private SelectorSql() {}

  /**
   * Appends one {@code AND} condition per requirement of {@code selector}, nothing when it is
   * empty.
   *
   * @param labelsColumn a jsonb expression holding the labels as a flat object of strings, never
   *     NULL ({@code {}} for no labels)
   */
  public static void appendLabelPredicate(LabelSelector selector, String labelsColumn, SqlBuilder b) {
    for (LabelRequirement r : selector.requirements()) {
      b.append(" AND ").append(labelCondition(r, labelsColumn, b));
    }
  }

  /**
   * Appends one {@code AND} condition per term of {@code selector}, nothing when it is empty.
   * {@code metadata.name} and {@code metadata.namespace} compare the text columns; any other field
   * reads {@code fieldsColumn}, where a field missing from the object counts as the empty string,
   * as in {@link FieldSelector#matches}.
   *
   * @param fieldsColumn a jsonb expression holding a flat object of field path to string value,
   *     never NULL
   */
  public static void appendFieldPredicate(
      FieldSelector selector, String nameColumn, String namespaceColumn, String fieldsColumn, SqlBuilder b) {
    for (FieldRequirement r : selector.requirements()) {
      b.append(" AND ").append(fieldCondition(r, nameColumn, namespaceColumn, fieldsColumn, b));
    }
  }

  /**
   * A requirement that can drive a list from the {@code object_terms} index: the objects whose
   * term (kind, key) has one of the values. Kind is "l" for a label, "f" for a selectable field.
   */
  public record Driver(String kind, String key, List<String> values) {}

  /**
   * The requirement a list should walk the term index by: the first label equality or set
   * membership, else a field equality on a selectable field with a non-empty value (one on a
   * {@code .name} field first). Empty
   * when the selectors have none (then the list walks the objects themselves).
   */
  public static java.util.Optional<Driver> driver(LabelSelector labels, FieldSelector fields) {
    for (LabelRequirement r : labels.requirements()) {
      boolean positive = switch (r.operator()) {
        case EQUALS, DOUBLE_EQUALS, IN -> true;
        default -> false;
      };
      if (positive && storable(r.key()) && r.values().stream().allMatch(SelectorSql::storable)) {
        return java.util.Optional.of(new Driver("l", r.key(), r.values()));
      }
    }
    // Among field equalities, a reference's name (spec.companyRef.name) picks out a few objects where
    // a kind or a group (spec.subjectRef.kind) may match them all: walk by a name when there is one.
    Driver chosen = null;
    for (FieldRequirement r : fields.requirements()) {
      if (r.operator() == FieldOperator.EQUALS && !r.value().isEmpty() && !r.field().equals(NAME)
          && !r.field().equals(NAMESPACE) && storable(r.field()) && storable(r.value())) {
        if (r.field().endsWith(".name")) {
          return java.util.Optional.of(new Driver("f", r.field(), List.of(r.value())));
        }
        if (chosen == null) {
          chosen = new Driver("f", r.field(), List.of(r.value()));
        }
      }
    }
    return java.util.Optional.ofNullable(chosen);
  }

  private static String labelCondition(LabelRequirement r, String labels, SqlBuilder b) {
    return switch (r.operator()) {
      case EXISTS -> "(" + labels + " ? " + b.textParam(r.key()) + ")";
      case DOES_NOT_EXIST -> "NOT (" + labels + " ? " + b.textParam(r.key()) + ")";
      case EQUALS, DOUBLE_EQUALS, IN -> containsAny(labels, r.key(), r.values(), b);
      case NOT_EQUALS, NOT_IN -> "NOT " + containsAny(labels, r.key(), r.values(), b);
      case GREATER_THAN, LESS_THAN -> compares(labels, r, b);
    };
  }

  /** {@code (labels @> {"k":"a"} OR labels @> {"k":"b"})}: each branch an index lookup. */
  private static String containsAny(String labels, String key, List<String> values, SqlBuilder b) {
    StringBuilder sql = new StringBuilder("(");
    for (String value : values) {
      if (sql.length() > 1) {
        sql.append(" OR ");
      }
      sql.append(labels).append(" @> ").append(b.jsonParam(object(key, value)));
    }
    return sql.append(")").toString();
  }

  /**
   * {@code k>N} / {@code k<N}: the key must be present (an index lookup) and its value an int64 in
   * Go's {@code strconv.ParseInt} syntax. The CASE tests the text before casting it, so values that
   * are not integers, or do not fit in int64, read as false instead of raising a cast error.
   */
  private static String compares(String labels, LabelRequirement r, SqlBuilder b) {
    String key = b.textParam(r.key());
    String value = "(" + labels + " ->> " + key + ")";
    String operator = r.operator() == LabelOperator.GREATER_THAN ? " > " : " < ";
    return "(" + labels + " ? " + key
        + " AND CASE WHEN " + value + " ~ " + INTEGER_PATTERN
        + " THEN " + value + "::numeric " + INT64_RANGE
        + " AND " + value + "::numeric" + operator + b.param(r.operand()) + "::int8"
        + " ELSE false END)";
  }

  private static String fieldCondition(
      FieldRequirement r, String nameColumn, String namespaceColumn, String fields, SqlBuilder b) {
    boolean equals = r.operator() == FieldOperator.EQUALS;
    if (!storable(r.value())) {
      // PostgreSQL text holds no NUL and no lone surrogate, so no stored value equals this one.
      return equals ? "false" : "true";
    }
    if (r.field().equals(NAME) || r.field().equals(NAMESPACE)) {
      String column = r.field().equals(NAME) ? nameColumn : namespaceColumn;
      return "(" + column + (equals ? " = " : " <> ") + b.textParam(r.value()) + ")";
    }
    if (!storable(r.field())) {
      // No stored object has this field, so it reads as "" everywhere.
      return r.value().isEmpty() == equals ? "true" : "false";
    }
    String contains = fields + " @> " + b.jsonParam(object(r.field(), r.value()));
    if (!r.value().isEmpty()) {
      return equals ? "(" + contains + ")" : "NOT (" + contains + ")";
    }
    // A field missing from the object reads as "", like an empty one.
    String present = fields + " ? " + b.textParam(r.field());
    return equals ? "(" + contains + " OR NOT (" + present + "))" : "(" + present + " AND NOT (" + contains + "))";
  }

  /** The JSON document {@code {"key": "value"}}. */
  private static String object(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put(key, value).toString();
  }

  /** Whether PostgreSQL can hold this text at all: text and jsonb reject NUL and lone surrogates. */
  private static boolean storable(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
