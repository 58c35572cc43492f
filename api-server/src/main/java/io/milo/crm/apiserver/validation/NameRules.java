package io.milo.crm.apiserver.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * NameRules are k8s.io/apimachinery's string checks (pkg/util/validation and
 * pkg/api/validation/path): DNS-1123 subdomains for object names, qualified names for label keys,
 * annotation keys and finalizers, label values and path segments. Each returns upstream's messages,
 * empty when the value is valid; lengths are in bytes as Go's len() counts them.
 */
final class NameRules {
  private static final String QNAME_CHAR = "[A-Za-z0-9]";
  private static final String QNAME_EXT_CHAR = "[-A-Za-z0-9_.]";
  private static final String QUALIFIED_NAME_FMT = "(" + QNAME_CHAR + QNAME_EXT_CHAR + "*)?" + QNAME_CHAR;
  private static final String QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', "
      + "and must start and end with an alphanumeric character";
  private static final int QUALIFIED_NAME_MAX = 63;
  private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");

  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final int LABEL_VALUE_MAX = 63;
  private static final Pattern LABEL_VALUE = Pattern.compile("^" + LABEL_VALUE_FMT + "$");

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  private static final int DNS1123_SUBDOMAIN_MAX = 253;
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");

  private NameRules() {}

  /** validation.IsDNS1123Subdomain. */
  static List<String> dns1123Subdomain(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > DNS1123_SUBDOMAIN_MAX) {
      errors.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  /**
   * NameIsDNSSubdomain, the name rule of custom resources: a generateName prefix may end in '-'
   * (masked before the check).
   */
  static List<String> objectName(String name, boolean prefix) {
    return dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
  }

  /** path.ValidatePathSegmentName, the rule every resource's name and generateName must also meet. */
  static List<String> pathSegmentName(String name, boolean prefix) {
    List<String> errors = new ArrayList<>();
    if (!prefix) {
      if (name.equals(".") || name.equals("..")) {
        errors.add("may not be '" + name + "'");
      }
    }
    for (String illegal : List.of("/", "%")) {
      if (name.contains(illegal)) {
        errors.add("may not contain '" + illegal + "'");
      }
    }
    return errors;
  }

  /** validation.IsQualifiedName: an optional DNS subdomain prefix and '/', then a name of up to 63 characters. */
  static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errors.add("prefix part must be non-empty");
        } else {
          dns1123Subdomain(prefix).forEach(message -> errors.add("prefix part " + message));
        }
      }
      default -> {
        errors.add("a qualified name " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name",
            "123-abc") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errors;
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (byteLength(name) > QUALIFIED_NAME_MAX) {
      errors.add("name part " + maxLenError(QUALIFIED_NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errors;
  }

  /** validation.IsValidLabelValue. */
  static List<String> labelValue(String value) {
    List<String> errors = new ArrayList<>();
    if (byteLength(value) > LABEL_VALUE_MAX) {
      errors.add(maxLenError(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  /** Go's len(): UTF-8 bytes. */
  static int byteLength(String value) {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  private static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

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
