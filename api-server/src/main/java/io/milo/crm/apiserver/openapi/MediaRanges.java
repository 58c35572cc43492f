package io.milo.crm.apiserver.openapi;

import java.util.Locale;

/**
 * MediaRanges decides from an Accept header whether JSON may be sent, as kube-openapi's handlers
 * negotiate (goautoneg): no header means any type; a range matches {@code application/json} when its
 * type is {@code application} or {@code *} and its subtype {@code json} or {@code *}; parameters other
 * than the quality are ignored. The protobuf forms kube-openapi also offers
 * ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf} and the v3 ones) are not
 * served here, so a client that accepts only them gets 406.
 */
final class MediaRanges {
  private MediaRanges() {}

  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
      if (mediaType.isEmpty()) {
        continue;
      }
      int slash = mediaType.indexOf('/');
      String type = slash < 0 ? mediaType : mediaType.substring(0, slash);
      String subtype = slash < 0 ? "*" : mediaType.substring(slash + 1);
      boolean matches = (type.equals("application") || type.equals("*")) && (subtype.equals("json") || subtype.equals("*"));
      if (matches && quality(parts) > 0) {
        return true;
      }
    }
    return false;
  }

  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].trim().split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
        try {
          return Double.parseDouble(parameter[1].trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
