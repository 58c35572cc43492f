package io.milo.crm.apiserver.auth;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Credentials are everything a request could authenticate with: the client certificate chain the
 * TLS handshake received (leaf first; the handshake proved possession of the leaf's key, nothing
 * more), and the request headers, keyed by lowercase name with every value in order.
 */
public record Credentials(List<X509Certificate> certificates, Map<String, List<String>> headers) {
  public Credentials {
    certificates = List.copyOf(certificates);
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
        .addAll(values));
    headers = Map.copyOf(lower);
  }

  /** Every value of a header, in order. */
  public List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The bearer token of the Authorization header, or null: as upstream's bearertoken authenticator,
   * the header is trimmed and split on spaces, the scheme compared case-insensitively.
   */
  public String bearerToken() {
    List<String> values = header("Authorization");
    if (values.isEmpty()) {
      return null;
    }
    String[] parts = values.get(0).trim().split(" ");
    if (parts.length < 2 || !parts[0].equalsIgnoreCase("bearer") || parts[1].isEmpty()) {
      return null;
    }
    return parts[1];
  }
}
