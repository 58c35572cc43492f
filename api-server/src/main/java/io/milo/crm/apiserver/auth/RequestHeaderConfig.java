package io.milo.crm.apiserver.auth;

import java.util.List;

/**
 * RequestHeaderConfig is how the front proxy (the kube-aggregator) is recognised and what it tells:
 * the CA its client certificate must chain to, the common names it may have (empty: any), and the
 * headers carrying the user name, groups, extra values (by prefix) and uid
 * (k8s.io/apiserver pkg/authentication/request/headerrequest/requestheader.go).
 */
public record RequestHeaderConfig(CertificateAuthorities ca, List<String> allowedNames, List<String> usernameHeaders,
    List<String> groupHeaders, List<String> extraHeaderPrefixes, List<String> uidHeaders) {
  /** No front proxy: nothing is trusted. */
  public static final RequestHeaderConfig NONE = new RequestHeaderConfig(CertificateAuthorities.NONE, List.of(),
      List.of(), List.of(), List.of(), List.of());

  public RequestHeaderConfig {
    allowedNames = List.copyOf(allowedNames);
    usernameHeaders = List.copyOf(usernameHeaders);
    groupHeaders = List.copyOf(groupHeaders);
    extraHeaderPrefixes = List.copyOf(extraHeaderPrefixes);
    uidHeaders = List.copyOf(uidHeaders);
  }
}
