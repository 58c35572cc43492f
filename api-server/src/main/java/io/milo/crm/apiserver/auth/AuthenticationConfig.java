package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * AuthenticationConfig is the part of authentication that the cluster publishes and may change while
 * the server runs: the client CA and the front-proxy settings. In a cluster it is the ConfigMap
 * {@code kube-system/extension-apiserver-authentication} (written by the kube-apiserver; keys as in
 * k8s.io/apiserver pkg/server/options/authentication.go); outside one it comes from the file flags.
 */
public record AuthenticationConfig(CertificateAuthorities clientCa, RequestHeaderConfig requestHeader) {
  public static final String NAMESPACE = "kube-system";
  public static final String CONFIG_MAP = "extension-apiserver-authentication";
  public static final AuthenticationConfig NONE = new AuthenticationConfig(CertificateAuthorities.NONE,
      RequestHeaderConfig.NONE);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The settings in the ConfigMap's data: PEM bundles under client-ca-file and
   * requestheader-client-ca-file, JSON string arrays under the requestheader-* keys. A missing key
   * leaves that part unset (no front proxy without its CA).
   *
   * @throws IllegalArgumentException when a value does not parse
   */
  public static AuthenticationConfig fromConfigMap(Map<String, String> data) {
    CertificateAuthorities clientCa = CertificateAuthorities.parsePem(data.get("client-ca-file"));
    CertificateAuthorities frontProxyCa = CertificateAuthorities.parsePem(data.get("requestheader-client-ca-file"));
    RequestHeaderConfig requestHeader = frontProxyCa.isEmpty() ? RequestHeaderConfig.NONE : new RequestHeaderConfig(
        frontProxyCa,
        stringArray(data, "requestheader-allowed-names"),
        stringArray(data, "requestheader-username-headers"),
        stringArray(data, "requestheader-group-headers"),
        stringArray(data, "requestheader-extra-headers-prefix"),
        stringArray(data, "requestheader-uid-headers"));
    return new AuthenticationConfig(clientCa, requestHeader);
  }

  private static List<String> stringArray(Map<String, String> data, String key) {
    String value = data.get(key);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    try {
      List<String> list = JSON.readValue(value, new TypeReference<List<String>>() {});
      return list == null ? List.of() : list;
    } catch (Exception e) {
      throw new IllegalArgumentException("the ConfigMap key " + key + " is not a JSON array of strings: " + value, e);
    }
  }
}
