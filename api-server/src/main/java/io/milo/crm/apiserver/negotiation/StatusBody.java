package io.milo.crm.apiserver.negotiation;

import java.nio.charset.StandardCharsets;

/**
 * StatusBody writes a failure {@code metav1.Status} the way {@code responsewriters.WriteRawJSON}
 * (k8s.io/apiserver pkg/endpoints/handlers/responsewriters/writers.go) does when no Accept clause allows a
 * Status: Go's {@code json.MarshalIndent} with two spaces, no trailing newline, Content-Type
 * {@code application/json}. The 406 answers of discovery and of resources usually take this path.
 */
public final class StatusBody {
  private StatusBody() {}

  /** The indented Status for a failure. */
  public static byte[] indented(int code, String reason, String message) {
    String json = "{\n"
        + "  \"kind\": \"Status\",\n"
        + "  \"apiVersion\": \"v1\",\n"
        + "  \"metadata\": {},\n"
        + "  \"status\": \"Failure\",\n"
        + "  \"message\": " + quote(message) + ",\n"
        + "  \"reason\": " + quote(reason) + ",\n"
        + "  \"code\": " + code + "\n"
        + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The indented Status of a negotiation failure. */
  public static byte[] indented(NegotiationException failure) {
    return indented(failure.code(), failure.reason(), failure.getMessage());
  }

  /** A JSON string as Go's encoding/json writes it: HTML characters and line separators escaped too. */
  static String quote(String text) {
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
