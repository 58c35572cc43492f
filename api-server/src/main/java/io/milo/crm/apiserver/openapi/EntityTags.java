package io.milo.crm.apiserver.openapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * EntityTags computes and compares the entity tags of served documents. The tag is kube-openapi's
 * {@code computeETag}: the SHA-512 of the bytes in upper-case hex; the same value is the v3
 * {@code hash} query parameter, and the ETag header carries it quoted. A request's If-None-Match
 * matches as Go's {@code http.ServeContent} decides it: {@code *}, or any listed tag equal under weak
 * comparison ({@code W/} ignored).
 */
final class EntityTags {
  private EntityTags() {}

  static String of(byte[] bytes) {
    try {
      return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from this JVM", e);
    }
  }

  static String quoted(String tag) {
    return "\"" + tag + "\"";
  }

  /** Whether If-None-Match {@code header} matches the unquoted {@code tag}; false when absent. */
  static boolean noneMatchHits(String header, String tag) {
    if (header == null) {
      return false;
    }
    String rest = header.trim();
    while (!rest.isEmpty()) {
      if (rest.charAt(0) == ',') {
        rest = rest.substring(1).trim();
        continue;
      }
      if (rest.charAt(0) == '*') {
        return true;
      }
      if (rest.startsWith("W/")) {
        rest = rest.substring(2);
      }
      if (rest.isEmpty() || rest.charAt(0) != '"') {
        return false; // malformed: Go stops here too
      }
      int end = rest.indexOf('"', 1);
      if (end < 0) {
        return false;
      }
      if (rest.substring(1, end).equals(tag)) {
        return true;
      }
      rest = rest.substring(end + 1).trim();
    }
    return false;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
