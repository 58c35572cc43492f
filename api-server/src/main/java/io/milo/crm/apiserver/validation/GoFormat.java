package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GoFormat prints decoded JSON values the way Go's fmt prints the values the kube-apiserver holds
 * after decoding a custom resource (strings, int64, float64, bool, nil, {@code map[string]interface{}}
 * and {@code []interface{}}). Field error messages embed bad values in that form, and clients match
 * on the text, so it has to be Go's and not Java's: {@code %q} is strconv.Quote, {@code %v} of a
 * float64 switches to exponent form from 1e+06, {@code %#v} of a map sorts its keys.
 */
final class GoFormat {
  private GoFormat() {}

  /**
   * The bad value as field.Error.ErrorBody prints it: numbers and booleans with {@code %v}, strings
   * with {@code %q}, null as the quoted string "null", objects and arrays with {@code %#v}.
   */
  static String errorValue(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return quote("null");
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isContainerNode()) {
      return goSyntax(value);
    }
    return plain(value);
  }

  /** {@code %v} of a scalar: an int64, a float64 or a bool. */
  static String plain(JsonNode value) {
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return float64(value.doubleValue());
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    return goSyntax(value);
  }

  /** {@code %#v} of a decoded JSON value. */
  static String goSyntax(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "interface {}(nil)";
    }
    if (value.isTextual()) {
      return quote(value.textValue());
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(goSyntax(item)));
      return "[]interface {}{" + String.join(", ", items) + "}";
    }
    if (value.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      fields.forEachRemaining(entries::add);
      entries.sort(Map.Entry.comparingByKey());
      List<String> items = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : entries) {
        items.add(quote(entry.getKey()) + ":" + goSyntax(entry.getValue()));
      }
      return "map[string]interface {}{" + String.join(", ", items) + "}";
    }
    return plain(value);
  }

  /** strconv.FormatFloat(f, 'g', -1, 64) as {@code %v} uses it: exponent form below 1e-4 and from 1e+06 on. */
  static String float64(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    String digits = decimal.unscaledValue().abs().toString();
    int exponent = digits.length() - decimal.scale() - 1;
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exponentDigits = Integer.toString(Math.abs(exponent));
      if (exponentDigits.length() < 2) {
        exponentDigits = "0" + exponentDigits;
      }
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentDigits;
    }
    return sign + decimal.abs().toPlainString();
  }

  /** strconv.Quote: a double-quoted Go string literal, printable characters kept as they are. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(codePoint -> appendQuoted(out, codePoint));
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int codePoint) {
    switch (codePoint) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0B -> out.append("\\v");
      default -> {
        if (isPrint(codePoint)) {
          out.appendCodePoint(codePoint);
        } else if (codePoint < 0x80) {
          out.append(String.format("\\x%02x", codePoint));
        } else if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
          // Go's JSON decoder turns a lone surrogate into U+FFFD, which is printable.
          out.append('\uFFFD');
        } else if (codePoint <= 0xFFFF) {
          out.append(String.format("\\u%04x", codePoint));
        } else {
          out.append(String.format("\\U%08x", codePoint));
        }
      }
    }
  }

  /** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  static boolean isPrint(int codePoint) {
    if (codePoint == ' ') {
      return true;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
