package io.milo.crm.storage.selector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * FieldErrors words validation failures as k8s.io/apimachinery's {@code field.Invalid(...).Error()}
 * and {@code ErrorList.ToAggregate().Error()} do, so a client sees upstream's text for the same
 * mistake.
 */
final class FieldErrors {
  /**
   * The field path upstream's label parser reports for a bad key: it validates keys with a nil
   * {@code field.Path}, which prints as {@code <nil>}.
   */
  static final String NIL_PATH = "<nil>";

  private FieldErrors() {}

  /** {@code field.Invalid(path, value, detail)} for a string value. */
  static String invalid(String path, String value, String detail) {
    return path + ": Invalid value: " + GoStrings.quote(value) + ": " + detail;
  }

  /** {@code field.Invalid(path, values, detail)} for a list of strings, shown as JSON. */
  static String invalid(String path, List<String> values, String detail) {
    String json = values.stream().map(GoStrings::json).collect(Collectors.joining(",", "[", "]"));
    return path + ": Invalid value: " + json + ": " + detail;
  }

  /** An aggregate of errors: the one message alone, or all of them, once each, in brackets. */
  static String aggregate(List<String> messages) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>(messages);
    return distinct.size() == 1
        ? distinct.iterator().next()
        : distinct.stream().collect(Collectors.joining(", ", "[", "]"));
  }
}
