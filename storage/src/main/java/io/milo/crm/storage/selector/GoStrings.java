package io.milo.crm.storage.selector;

import java.nio.charset.StandardCharsets;

/**
 * GoStrings holds the few Go string conventions the selector code must reproduce to match
 * upstream: byte lengths, byte-order sorting, {@code strconv.ParseInt} and {@code strconv.Quote}.
 * Go strings are UTF-8 bytes where Java strings are UTF-16 units, so each differs from the obvious
 * Java call outside ASCII.
 */
final class GoStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoStrings() {}

  /** {@code len(s)} in Go: the length of the UTF-8 encoding. */
  static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Go's string order, which is UTF-8 byte order, which is code point order. */
  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * {@code strconv.ParseInt(s, 10, 64)}: an optional sign, then one or more ASCII digits, within
   * int64. Returns null when Go would return an error.
   */
  static Long parseInt64(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException outOfRange) {
      return null;
    }
  }

  /** {@code strconv.Quote(s)}, which {@code fmt}'s {@code %q} uses: Go syntax for a string. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x0b -> out.append("\\v");
        default -> appendQuoted(out, c);
      }
    });
    return out.append('"').toString();
  }

  private static void appendQuoted(StringBuilder out, int c) {
    if (isPrint(c)) {
      out.appendCodePoint(c);
    } else if (c < 0x80) {
      out.append("\\x");
      appendHex(out, c, 2);
    } else if (c < 0x10000) {
      out.append("\\u");
      appendHex(out, c, 4);
    } else {
      out.append("\\U");
      appendHex(out, c, 8);
    }
  }

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ' '. */
  private static boolean isPrint(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  /** {@code json.Marshal} of a Go string, with its HTML-safe escapes. */
  static String json(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', 0x2028, 0x2029 -> appendUnicodeEscape(out, c);
        default -> {
          if (c < 0x20) {
            appendUnicodeEscape(out, c);
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  private static void appendUnicodeEscape(StringBuilder out, int c) {
    out.append("\\u");
    appendHex(out, c, 4);
  }

  private static void appendHex(StringBuilder out, int value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.append(HEX[(value >>> shift) & 0xf]);
    }
  }
}
