package io.milo.crm.storage.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * LabelRequirement is one condition of a label selector, upstream's {@code labels.Requirement}.
 * Its constructor applies upstream's {@code NewRequirement} checks (valid key, valid values, the
 * number of values the operator takes, integer operands for {@code >} and {@code <}) and throws
 * {@link SelectorParseException} with upstream's message, so every instance is valid: the SQL
 * compiler and the in-memory matcher rely on that.
 *
 * @param key the label key, a Kubernetes qualified name
 * @param operator how the key relates to the values
 * @param values the operands, a set kept sorted (empty for {@code EXISTS}/{@code DOES_NOT_EXIST})
 */
public record LabelRequirement(String key, LabelOperator operator, List<String> values) {

  public LabelRequirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = values == null ? List.of() : List.copyOf(values).stream().distinct().sorted(GoStrings::compare).toList();
    List<String> errors = validate(key, operator, values);
    if (!errors.isEmpty()) {
      throw new SelectorParseException(FieldErrors.aggregate(errors));
    }
  }

  /** Upstream's {@code NewRequirement} checks, in its order, with its field paths. */
  private static List<String> validate(String key, LabelOperator operator, List<String> values) {
    List<String> errors = new ArrayList<>();
    List<String> keyErrors = LabelSyntax.keyErrors(key);
    if (!keyErrors.isEmpty()) {
      errors.add(FieldErrors.invalid("key", key, String.join("; ", keyErrors)));
    }
    switch (operator) {
      case IN, NOT_IN -> {
        if (values.isEmpty()) {
          errors.add(FieldErrors.invalid("values", values, "for 'in', 'notin' operators, values set can't be empty"));
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (values.size() != 1) {
          errors.add(FieldErrors.invalid("values", values, "exact-match compatibility requires one single value"));
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!values.isEmpty()) {
          errors.add(FieldErrors.invalid("values", values, "values set must be empty for exists and does not exist"));
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (values.size() != 1) {
          errors.add(FieldErrors.invalid("values", values, "for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < values.size(); i++) {
          if (GoStrings.parseInt64(values.get(i)) == null) {
            errors.add(FieldErrors.invalid("values[" + i + "]", values.get(i),
                "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        }
      }
    }
    for (int i = 0; i < values.size(); i++) {
      List<String> valueErrors = LabelSyntax.valueErrors(values.get(i));
      if (!valueErrors.isEmpty()) {
        errors.add(FieldErrors.invalid("values[" + i + "][" + key + "]", values.get(i), String.join("; ", valueErrors)));
      }
    }
    return errors;
  }

  /**
   * Whether the labels satisfy this requirement, as upstream's {@code Requirement.Matches}: the
   * negative operators ({@code !=}, {@code notin}, {@code !}) hold when the key is absent; {@code >}
   * and {@code <} need the key present with a value that parses as an int64.
   */
  public boolean matches(Map<String, String> labels) {
    boolean present = labels.containsKey(key);
    String value = labels.get(key);
    return switch (operator) {
      case EXISTS -> present;
      case DOES_NOT_EXIST -> !present;
      case EQUALS, DOUBLE_EQUALS, IN -> present && values.contains(value);
      case NOT_EQUALS, NOT_IN -> !present || !values.contains(value);
      case GREATER_THAN, LESS_THAN -> present && compares(value);
    };
  }

  private boolean compares(String value) {
    Long actual = value == null ? null : GoStrings.parseInt64(value);
    if (actual == null) {
      return false;
    }
    long bound = operand();
    return operator == LabelOperator.GREATER_THAN ? actual > bound : actual < bound;
  }

  /** The integer operand of {@code >} or {@code <}, which the constructor has checked. */
  long operand() {
    return GoStrings.parseInt64(values.get(0));
  }

  /** Upstream's canonical text: {@code k}, {@code !k}, {@code k=v}, {@code k in (a,b)}, {@code k>3}. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case EQUALS -> key + "=" + values.get(0);
      case DOUBLE_EQUALS -> key + "==" + values.get(0);
      case NOT_EQUALS -> key + "!=" + values.get(0);
      case GREATER_THAN -> key + ">" + values.get(0);
      case LESS_THAN -> key + "<" + values.get(0);
      case IN -> key + " in (" + String.join(",", values) + ")";
      case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
    };
  }
}
