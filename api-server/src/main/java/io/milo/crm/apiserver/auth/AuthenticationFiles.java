package io.milo.crm.apiserver.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * AuthenticationFiles are the kube-apiserver style flags for running outside a cluster
 * (--client-ca-file, --requestheader-client-ca-file, --requestheader-allowed-names,
 * --requestheader-username-headers, --requestheader-group-headers,
 * --requestheader-extra-headers-prefix, --requestheader-uid-headers). A CA file given here wins over
 * the cluster's ConfigMap for its part, as upstream's DelegatingAuthenticationOptions does; the files
 * are read again on every refresh, so replacing a CA file needs no restart.
 *
 * @param clientCaFile null: the client CA comes from the ConfigMap, if any
 * @param requestHeaderCaFile null: the front-proxy settings come from the ConfigMap, if any
 */
public record AuthenticationFiles(Path clientCaFile, Path requestHeaderCaFile, List<String> allowedNames,
    List<String> usernameHeaders, List<String> groupHeaders, List<String> extraHeaderPrefixes,
    List<String> uidHeaders) {
  /** Upstream's defaults for a delegating server's header flags. */
  public static final List<String> DEFAULT_USERNAME_HEADERS = List.of("X-Remote-User");
  public static final List<String> DEFAULT_GROUP_HEADERS = List.of("X-Remote-Group");
  public static final List<String> DEFAULT_EXTRA_PREFIXES = List.of("X-Remote-Extra-");
  public static final List<String> DEFAULT_UID_HEADERS = List.of("X-Remote-Uid");
  public static final AuthenticationFiles NONE = new AuthenticationFiles(null, null, List.of(),
      DEFAULT_USERNAME_HEADERS, DEFAULT_GROUP_HEADERS, DEFAULT_EXTRA_PREFIXES, DEFAULT_UID_HEADERS);

  /** The settings now in the files, over what the cluster publishes (null: nothing). */
  public AuthenticationConfig over(AuthenticationConfig fromCluster) {
    AuthenticationConfig base = fromCluster == null ? AuthenticationConfig.NONE : fromCluster;
    CertificateAuthorities clientCa = clientCaFile == null ? base.clientCa() : read(clientCaFile);
    RequestHeaderConfig requestHeader = requestHeaderCaFile == null ? base.requestHeader()
        : new RequestHeaderConfig(read(requestHeaderCaFile), allowedNames, usernameHeaders, groupHeaders,
            extraHeaderPrefixes, uidHeaders);
    return new AuthenticationConfig(clientCa, requestHeader);
  }

  private static CertificateAuthorities read(Path file) {
    try {
      return CertificateAuthorities.parsePem(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the CA file " + file, e);
    }
  }
}
