package io.milo.crm.apiserver.negotiation;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ContentTypeHeader reads a request's Content-Type as Go's {@code mime.ParseMediaType} does for the
 * kube-apiserver's body decoding ({@code NegotiateInputSerializerForMediaType}): the media type lowercased
 * and trimmed, and the whole header refused when the type or a parameter is malformed, when a parameter
 * repeats, or when anything but a trailing semicolon follows the parameters.
 */
final class ContentTypeHeader {
  private static final String SPECIALS = "()<>@,;:\\\"/[]?=";

  private ContentTypeHeader() {}

  /** The media type ("type/subtype", lowercase), or empty when Go would fail to parse the header. */
  static Optional<String> mediaType(String header) {
    int semicolon = header.indexOf(';');
    String base = semicolon < 0 ? header : header.substring(0, semicolon);
    String mediaType = base.toLowerCase(Locale.ROOT).strip();
    if (!validType(mediaType) || !validParameters(semicolon < 0 ? "" : header.substring(semicolon))) {
      return Optional.empty();
    }
    return Optional.of(mediaType);
  }

  private static boolean validType(String mediaType) {
    int token = tokenEnd(mediaType, 0);
    if (token == 0) {
      return false;
    }
    if (token == mediaType.length()) {
      return true; // Go accepts a lone token; no serializer matches it
    }
    if (mediaType.charAt(token) != '/') {
      return false;
    }
    int sub = tokenEnd(mediaType, token + 1);
    return sub > token + 1 && sub == mediaType.length();
  }

  private static boolean validParameters(String text) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    while (true) {
      i = skipSpace(text, i);
      if (i == text.length()) {
        return true;
      }
      if (text.charAt(i) != ';') {
        return false;
      }
      int keyStart = skipSpace(text, i + 1);
      int keyEnd = tokenEnd(text, keyStart);
      int equals = skipSpace(text, keyEnd);
      if (keyEnd == keyStart || equals == text.length() || text.charAt(equals) != '=') {
        return text.substring(i).strip().equals(";"); // a trailing semicolon is not an error
      }
      int valueStart = skipSpace(text, equals + 1);
      int valueEnd = valueEnd(text, valueStart);
      if (valueEnd < 0) {
        return false;
      }
      if (!seen.add(text.substring(keyStart, keyEnd).toLowerCase(Locale.ROOT))) {
        return false;
      }
      i = valueEnd;
    }
  }

  /** The end of a token or quoted string starting at start, or -1 when there is neither. */
  private static int valueEnd(String text, int start) {
    if (start < text.length() && text.charAt(start) == '"') {
      for (int i = start + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return i + 1;
        }
      }
      return -1;
    }
    int end = tokenEnd(text, start);
    return end == start ? -1 : end;
  }

  private static int tokenEnd(String text, int start) {
    int i = start;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f || SPECIALS.indexOf(c) >= 0) {
        break;
      }
      i++;
    }
    return i;
  }

  private static int skipSpace(String text, int start) {
    int i = start;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
