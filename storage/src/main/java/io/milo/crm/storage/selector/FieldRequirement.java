package io.milo.crm.storage.selector;

import java.util.Map;
import java.util.Objects;

/**
 * FieldRequirement is one term of a field selector: a field path such as {@code spec.email}, an
 * operator and a literal value (already unescaped). A field the object does not have reads as the
 * empty string, as upstream's {@code fields.Set.Get}.
 *
 * @param field the field path, compared as written (not trimmed, as upstream)
 * @param operator equality or inequality
 * @param value the value, unescaped
 */
public record FieldRequirement(String field, FieldOperator operator, String value) {
  public FieldRequirement {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
  }

  /** Whether the object with these field values satisfies this term. */
  public boolean matches(Map<String, String> fieldValues) {
    String actual = fieldValues.get(field);
    boolean equal = value.equals(actual == null ? "" : actual);
    return operator == FieldOperator.EQUALS ? equal : !equal;
  }

  /** Upstream's text: {@code field=value} or {@code field!=value}, the value escaped. */
  @Override
  public String toString() {
    return field + operator.symbol() + FieldValueEscaping.escape(value);
  }
}
