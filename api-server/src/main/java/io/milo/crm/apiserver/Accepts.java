package io.milo.crm.apiserver;

/**
 * Accepts reads an Accept header. A client that lists only representations we do not serve (for
 * example only aggregated discovery, {@code as=APIGroupDiscoveryList}) must get 406, never a 200
 * of another type: some aggregators would then cache empty discovery (kubernetes#119662).
 */
final class Accepts {
  private Accepts() {}

  /** Whether plain JSON is acceptable: no header, a wildcard, or application/json without {@code as=}. */
  static boolean plainJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      boolean hasAs = false;
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].trim().toLowerCase(java.util.Locale.ROOT).startsWith("as=")) {
          hasAs = true;
        }
      }
      if (!hasAs && (type.equals("application/json") || type.equals("*/*") || type.equals("application/*"))) {
        return true;
      }
    }
    return false;
  }
}
