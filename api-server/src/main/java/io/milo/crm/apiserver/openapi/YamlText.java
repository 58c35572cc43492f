package io.milo.crm.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * YamlText renders a JSON value as the YAML text gnostic keeps in an {@code openapi.v2.Any}'s
 * {@code yaml} field: vendor extensions, defaults, enum values and examples. gnostic's compiler
 * ({@code compiler.Marshal}) clears every node's style and marshals it with yaml.v3, so the text is
 * block style with an indentation of four, a sequence under a key indented too, a mapping inside a
 * sequence starting after {@code "-   "}, empty collections as {@code {}} and {@code []}, and a line
 * break at the end. Readers (kube-openapi's {@code VendorExtensionToMap}, kubectl's query parameter
 * verifier) parse it with yaml.v2, so this renders the same values, not necessarily the same bytes:
 * a string is plain only when neither YAML 1.1 nor 1.2 would read it as anything but that string,
 * single-quoted when it merely contains indicators, and double-quoted (escaped like JSON) when it
 * would resolve to another type or holds line breaks or control characters (yaml.v3 would use a
 * literal block for line breaks).
 */
final class YamlText {
  private static final int INDENT = 4;
  private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
      "~|null|Null|NULL",
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
      "[-+]?(0|[1-9][0-9_]*)",
      "[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?0x[0-9a-fA-F_]+",
      "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
      "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?",
      "[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+",
      "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?",
      "<<|="));
  /** Characters a plain scalar may not start with. */
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@` ";

  private YamlText() {}

  static String of(JsonNode value) {
    StringBuilder out = new StringBuilder();
    if (isBlock(value)) {
      block(value, 0, false, out);
    } else {
      out.append(scalar(value)).append('\n');
    }
    return out.toString();
  }

  /** A non-empty mapping or sequence, written over lines; anything else fits after a key or dash. */
  private static boolean isBlock(JsonNode value) {
    return value.isContainerNode() && !value.isEmpty();
  }

  /**
   * Writes a non-empty collection at {@code indent}; when {@code continues}, its first line goes on the
   * current line, after a sequence dash already padded to {@code indent}.
   */
  private static void block(JsonNode value, int indent, boolean continues, StringBuilder out) {
    boolean first = true;
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> entry : value.properties()) {
        if (!(continues && first)) {
          out.append(" ".repeat(indent));
        }
        out.append(string(entry.getKey())).append(':');
        entry(entry.getValue(), indent, out);
        first = false;
      }
      return;
    }
    for (JsonNode item : value) {
      if (!(continues && first)) {
        out.append(" ".repeat(indent));
      }
      out.append('-');
      if (isBlock(item)) {
        out.append(" ".repeat(INDENT - 1));
        block(item, indent + INDENT, true, out);
      } else {
        out.append(' ').append(scalar(item)).append('\n');
      }
      first = false;
    }
  }

  private static void entry(JsonNode value, int indent, StringBuilder out) {
    if (isBlock(value)) {
      out.append('\n');
      block(value, indent + INDENT, false, out);
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(JsonNode value) {
    if (value.isTextual()) {
      return string(value.textValue());
    }
    if (value.isObject()) {
      return "{}";
    }
    if (value.isArray()) {
      return "[]";
    }
    if (value.isNull() || value.isMissingNode()) {
      return "null";
    }
    return value.toString(); // numbers and booleans as JSON writes them, which YAML reads alike
  }

  static String string(String text) {
    if (text.isEmpty() || NOT_A_STRING.matcher(text).matches() || !printable(text)) {
      return doubleQuoted(text);
    }
    if (!plain(text)) {
      return "'" + text.replace("'", "''") + "'";
    }
    return text;
  }

  private static boolean plain(String text) {
    return INDICATORS.indexOf(text.charAt(0)) < 0
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.endsWith(":")
        && !text.endsWith(" ");
  }

  /** No line breaks, tabs, control characters or the characters YAML treats as breaks or marks. */
  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case 0x85 -> out.append("\\N");
        case 0x2028 -> out.append("\\L");
        case 0x2029 -> out.append("\\P");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0xfeff) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
