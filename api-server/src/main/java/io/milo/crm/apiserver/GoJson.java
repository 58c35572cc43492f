package io.milo.crm.apiserver;

/**
 * GoJson writes a JSON string the way Go's encoding/json does, which clients comparing bytes (and
 * kubectl's JSONPath output) see from the kube-apiserver: HTML characters and U+2028/U+2029 escaped,
 * a lone surrogate replaced by U+FFFD. Used where the server must print what Go prints.
 */
public final class GoJson {
  private GoJson() {}

  /** A JSON string as Go's encoding/json writes it: HTML characters and line separators escaped too. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1)))) {
            if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
              out.append(c);
            } else {
              out.append("\\ufffd");
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
