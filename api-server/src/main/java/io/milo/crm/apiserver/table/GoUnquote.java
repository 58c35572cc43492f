package io.milo.crm.apiserver.table;

/**
 * GoUnquote turns a quoted JSONPath literal ({@code "Ready"} or {@code 'Ready'}) into its text with the
 * escapes of Go's strconv.UnquoteChar, as client-go's jsonpath UnquoteExtend does.
 */
final class GoUnquote {
  private GoUnquote() {}

  static String unquote(String quoted) {
    String body = body(quoted);
    char quote = quoted.charAt(0);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == quote) {
        throw invalid(quoted);
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= body.length()) {
        throw invalid(quoted);
      }
      char escape = body.charAt(i + 1);
      i += 2;
      switch (escape) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\' -> out.append('\\');
        case 'x', 'u', 'U' -> {
          int digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
          out.appendCodePoint(number(body, i, digits, 16, quoted));
          i += digits;
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          int value = number(body, i - 1, 3, 8, quoted);
          if (value > 255) {
            throw invalid(quoted);
          }
          out.append((char) value);
          i += 2;
        }
        default -> {
          if (escape != quote) {
            throw invalid(quoted);
          }
          out.append(escape);
        }
      }
    }
    return out.toString();
  }

  private static String body(String quoted) {
    int n = quoted.length();
    if (n < 2 || quoted.charAt(0) != quoted.charAt(n - 1) || (quoted.charAt(0) != '"' && quoted.charAt(0) != '\'')) {
      throw invalid(quoted);
    }
    return quoted.substring(1, n - 1);
  }

  private static int number(String body, int from, int digits, int radix, String quoted) {
    if (from + digits > body.length()) {
      throw invalid(quoted);
    }
    try {
      int value = Integer.parseUnsignedInt(body.substring(from, from + digits), radix);
      if (!Character.isValidCodePoint(value)) {
        throw invalid(quoted);
      }
      return value;
    } catch (NumberFormatException e) {
      throw invalid(quoted);
    }
  }

  private static JsonPathException invalid(String quoted) {
    return new JsonPathException("unquote string " + quoted + " error invalid syntax");
  }
}
