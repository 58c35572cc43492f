package io.milo.crm.storage.selector;

/**
 * FieldValueEscaping is upstream's {@code fields.EscapeValue}/{@code UnescapeValue}: in a field
 * selector value, {@code \\}, {@code \,} and {@code \=} stand for the characters themselves, so a
 * value can hold the separators; any other escape, a trailing backslash, or a bare {@code ,} or
 * {@code =} is an error with upstream's message.
 */
final class FieldValueEscaping {
  private FieldValueEscaping() {}

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    boolean inSlash = false;
    for (int i = 0; i < escaped.length(); ) {
      int c = escaped.codePointAt(i);
      i += Character.charCount(c);
      if (inSlash) {
        if (c != '\\' && c != ',' && c != '=') {
          throw invalidEscape(new StringBuilder("\\").appendCodePoint(c).toString());
        }
        out.appendCodePoint(c);
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',' || c == '=') {
        // Go prints the rune with %v: its code point in decimal.
        throw new SelectorParseException("invalid field selector: unescaped character in value: " + c);
      } else {
        out.appendCodePoint(c);
      }
    }
    if (inSlash) {
      throw invalidEscape("\\");
    }
    return out.toString();
  }

  private static SelectorParseException invalidEscape(String sequence) {
    return new SelectorParseException("invalid field selector: invalid escape sequence: " + sequence);
  }
}
