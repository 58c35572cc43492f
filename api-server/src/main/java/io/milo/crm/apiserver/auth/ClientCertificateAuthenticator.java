package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * ClientCertificateAuthenticator authenticates a client certificate that verifies against the client
 * CA: the user is its common name, the groups its organizations (CommonNameUserConversion in
 * k8s.io/apiserver pkg/authentication/request/x509/x509.go).
 */
public final class ClientCertificateAuthenticator implements RequestAuthenticator {
  private final Supplier<CertificateAuthorities> ca;
  private final Clock clock;

  public ClientCertificateAuthenticator(Supplier<CertificateAuthorities> ca, Clock clock) {
    this.ca = ca;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Authentication> authenticate(Credentials credentials) {
    CertificateAuthorities authorities = ca.get();
    if (credentials.certificates().isEmpty() || authorities.isEmpty()) {
      return CompletableFuture.completedFuture(Authentication.none());
    }
    Optional<String> invalid = authorities.verify(credentials.certificates(), Date.from(clock.instant()));
    if (invalid.isPresent()) {
      return CompletableFuture.completedFuture(Authentication.failed(invalid.get()));
    }
    var leaf = credentials.certificates().get(0);
    String name = CertificateAuthorities.commonName(leaf);
    if (name.isEmpty()) {
      return CompletableFuture.completedFuture(Authentication.none()); // upstream: no user without a common name
    }
    return CompletableFuture.completedFuture(Authentication.of(
        new UserInfo(name, "", CertificateAuthorities.organizations(leaf), Map.of())));
  }
}
