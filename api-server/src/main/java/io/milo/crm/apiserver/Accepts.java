package io.milo.crm.apiserver;

/**
 * Accepts reads an Accept header. A client that lists only representations we do not serve (for
 * example only aggregated discovery, {@code as=APIGroupDiscoveryList}) must get 406, never a 200
 * of another type: some aggregators would then cache empty discovery (kubernetes#119662).
 */
final class Accepts {
  private Accepts() {}

  /**
   * Whether plain JSON is acceptable, as the kube-apiserver's negotiation decides it: no header, or
   * a range of application/json, application/*, any type, or * that asks for no conversion (no
   * {@code as}, {@code g} or {@code v} parameter) and no stream other than watch.
   */
  static boolean plainJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String[] parts = range.trim().split(";");
      String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (!JSON_RANGES.contains(type)) {
        continue;
      }
      boolean converts = false;
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].trim().toLowerCase(java.util.Locale.ROOT).split("=", 2);
        String value = param.length > 1 ? param[1].trim() : "";
        converts |= CONVERSIONS.contains(param[0].trim()) || (param[0].trim().equals("stream") && !value.equals("watch"));
      }
      if (!converts) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.Set<String> JSON_RANGES = java.util.Set.of("application/json", "application/*", "*/*", "*");
  private static final java.util.Set<String> CONVERSIONS = java.util.Set.of("as", "g", "v");
}
