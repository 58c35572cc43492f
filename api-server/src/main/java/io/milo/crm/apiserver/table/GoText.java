package io.milo.crm.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GoText writes JSON values the way the kube-apiserver's Go code prints them into Table cells:
 * {@code fmt.Fprint} for scalars (what client-go's jsonpath {@code evalToText} does) and
 * {@code encoding/json.Marshal} for objects and arrays (what its {@code PrintResults} does since
 * client-go 1.19). A value is a Jackson node as it was decoded from the object's JSON.
 */
final class GoText {
  private GoText() {}

  /** The text a {@code string} printer column shows for {@code value}. */
  static String print(JsonNode value) {
    if (value.isObject() || value.isArray()) {
      StringBuilder out = new StringBuilder();
      marshal(value, out);
      return out.toString();
    }
    if (value.isNull() || value.isMissingNode()) {
      return "<no value>"; // template.PrintableValue of a nil interface
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    if (JsonValues.isInteger(value)) {
      return value.bigIntegerValue().toString();
    }
    return formatV(value.doubleValue());
  }

  /** {@code encoding/json.Marshal}: compact, map keys sorted, HTML characters escaped. */
  static void marshal(JsonNode value, StringBuilder out) {
    if (value.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(value.properties());
      fields.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        quoteJson(fields.get(i).getKey(), out);
        out.append(':');
        marshal(fields.get(i).getValue(), out);
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      Iterator<JsonNode> elements = value.elements();
      for (int i = 0; elements.hasNext(); i++) {
        if (i > 0) {
          out.append(',');
        }
        marshal(elements.next(), out);
      }
      out.append(']');
    } else if (value.isTextual()) {
      quoteJson(value.textValue(), out);
    } else if (value.isBoolean()) {
      out.append(value.booleanValue());
    } else if (JsonValues.isInteger(value)) {
      out.append(value.bigIntegerValue());
    } else if (value.isNumber()) {
      out.append(formatJson(value.doubleValue()));
    } else {
      out.append("null");
    }
  }

  /** A JSON string as encoding/json writes it (HTML-safe, U+2028 and U+2029 escaped). */
  static void quoteJson(String s, StringBuilder out) {
    out.append(io.milo.crm.apiserver.GoJson.quote(s));
  }

  /** Go's {@code strconv.Quote}, as {@code %q} and {@code %#v} print a string in error messages. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 7 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 11 -> out.append("\\v");
        default -> {
          if (cp < 0x20 || cp == 0x7f) {
            out.append(String.format("\\x%02x", cp));
          } else if (!isPrintable(cp)) {
            out.append(cp > 0xffff ? String.format("\\U%08x", cp) : String.format("\\u%04x", cp));
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }

  /** {@code fmt.Sprint(float64)}: the shortest digits, %e from exponent -5 or 6 on ({@code 1e+06}). */
  static String formatV(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    Digits digits = Digits.of(d);
    int exp = digits.point - 1;
    return exp < -4 || exp >= 6 ? digits.scientific(2) : digits.fixed();
  }

  /** How encoding/json writes a float64: %f, or %e below 1e-6 and from 1e21 on (exponent without padding). */
  static String formatJson(double d) {
    double abs = Math.abs(d);
    Digits digits = Digits.of(d);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return digits.scientific(1);
    }
    return digits.fixed();
  }

  /** The shortest decimal digits of a double and where the decimal point goes. */
  private record Digits(boolean negative, String digits, int point) {
    static Digits of(double d) {
      if (d == 0) {
        return new Digits(1 / d < 0, "0", 1);
      }
      BigDecimal value = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
      String digits = value.unscaledValue().toString();
      return new Digits(d < 0, digits, digits.length() - value.scale());
    }

    String fixed() {
      StringBuilder out = new StringBuilder(negative ? "-" : "");
      if (point <= 0) {
        out.append("0.").append("0".repeat(-point)).append(digits);
      } else if (point >= digits.length()) {
        out.append(digits).append("0".repeat(point - digits.length()));
      } else {
        out.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
      return out.toString();
    }

    String scientific(int minExponentDigits) {
      StringBuilder out = new StringBuilder(negative ? "-" : "");
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = point - 1;
      String magnitude = Integer.toString(Math.abs(exp));
      out.append('e').append(exp < 0 ? '-' : '+');
      out.append("0".repeat(Math.max(0, minExponentDigits - magnitude.length()))).append(magnitude);
      return out.toString();
    }
  }
}
