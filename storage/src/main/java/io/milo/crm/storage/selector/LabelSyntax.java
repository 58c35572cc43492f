package io.milo.crm.storage.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * LabelSyntax checks label keys and values as Kubernetes does ({@code content.IsLabelKey} and
 * {@code content.IsLabelValue} in k8s.io/apimachinery) and returns upstream's explanations, empty
 * when the text is valid. The checks are written out by hand rather than as regular expressions so
 * that they stay linear on hostile input, as Go's regexp engine is.
 */
final class LabelSyntax {
  private static final int NAME_MAX_BYTES = 63;
  private static final int PREFIX_MAX_BYTES = 253;
  private static final String NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', "
      + "and must start and end with an alphanumeric character";
  private static final String VALUE_FORMAT = "(" + NAME_FORMAT + ")?";
  private static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of "
      + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final String SUBDOMAIN_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  private static final String EMPTY = "must be non-empty";

  private LabelSyntax() {}

  /** Why {@code key} is not a label key (a qualified name: optional DNS subdomain prefix and '/'). */
  static List<String> keyErrors(String key) {
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      errors.add("a valid label key " + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty()) {
        errors.add("prefix part " + EMPTY);
      } else {
        subdomainErrors(prefix).forEach(e -> errors.add("prefix part " + e));
      }
    }
    String name = parts[parts.length - 1];
    if (name.isEmpty()) {
      errors.add("name part " + EMPTY);
    } else if (GoStrings.byteLength(name) > NAME_MAX_BYTES) {
      errors.add("name part " + maxLengthError(NAME_MAX_BYTES));
    }
    if (!isName(name)) {
      errors.add("name part " + regexError(NAME_MESSAGE, NAME_FORMAT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  /** Why {@code value} is not a label value (empty, or a name of at most 63 bytes). */
  static List<String> valueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (GoStrings.byteLength(value) > NAME_MAX_BYTES) {
      errors.add(maxLengthError(NAME_MAX_BYTES));
    }
    if (!value.isEmpty() && !isName(value)) {
      errors.add(regexError(VALUE_MESSAGE, VALUE_FORMAT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  private static List<String> subdomainErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (GoStrings.byteLength(value) > PREFIX_MAX_BYTES) {
      errors.add(maxLengthError(PREFIX_MAX_BYTES));
    }
    if (!isSubdomain(value)) {
      errors.add(regexError(SUBDOMAIN_MESSAGE, SUBDOMAIN_FORMAT, "example.com"));
    }
    return errors;
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  private static boolean isName(String s) {
    if (s.isEmpty() || !isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(s.length() - 1))) {
      return false;
    }
    return s.chars().allMatch(c -> isAlphanumeric(c) || c == '-' || c == '_' || c == '.');
  }

  /** Dot-separated labels, each {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
  private static boolean isSubdomain(String s) {
    for (String label : s.split("\\.", -1)) {
      if (label.isEmpty() || !isLowerAlphanumeric(label.charAt(0))
          || !isLowerAlphanumeric(label.charAt(label.length() - 1))
          || !label.chars().allMatch(c -> isLowerAlphanumeric(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphanumeric(int c) {
    return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLowerAlphanumeric(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static String maxLengthError(int bytes) {
    return "must be no more than " + bytes + " bytes";
  }

  /** Upstream's {@code RegexError}, including its doubled space before each " or ". */
  private static String regexError(String message, String format, String... examples) {
    StringBuilder out = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        out.append(" or ");
      }
      out.append('\'').append(examples[i]).append("', ");
    }
    return out.append("regex used for validation is '").append(format).append("')").toString();
  }
}
