package io.milo.crm.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.admission.UserInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/**
 * Client certificates as upstream's x509 and requestheader authenticators judge them: chain to the
 * right CA, client usage, validity, allowed front-proxy names, then the identity headers.
 */
class CertificateAuthenticationTest {
  private static final TestCertificates.Issued FRONT_PROXY_CA = TestCertificates.ca("front-proxy-ca");
  private static final TestCertificates.Issued CLIENT_CA = TestCertificates.ca("client-ca");
  private static final TestCertificates.Issued OTHER_CA = TestCertificates.ca("front-proxy-ca");
  private static final TestCertificates.Issued AGGREGATOR =
      TestCertificates.client(FRONT_PROXY_CA, "front-proxy-client", List.of());

  private static final Map<String, List<String>> IDENTITY = headers(
      "X-Remote-User", List.of("alice"),
      "X-Remote-Group", List.of("devs", " ", "ops"),
      "x-remote-extra-Scopes", List.of("a", "b"),
      "X-Remote-Extra-Acme.com%2Fproject", List.of("p1"),
      "X-Remote-Uid", List.of("uid-1"));

  private static RequestHeaderConfig frontProxy(List<String> allowedNames) {
    return new RequestHeaderConfig(new CertificateAuthorities(List.of(FRONT_PROXY_CA.certificate())), allowedNames,
        List.of("X-Remote-User"), List.of("X-Remote-Group"), List.of("X-Remote-Extra-"), List.of("X-Remote-Uid"));
  }

  private static Authentication frontProxy(RequestHeaderConfig config, TestCertificates.Issued client,
      Map<String, List<String>> headers) {
    List<java.security.cert.X509Certificate> chain = client == null ? List.of() : List.of(client.certificate());
    return new FrontProxyAuthenticator(() -> config, Clock.systemUTC()).authenticateNow(new Credentials(chain, headers));
  }

  @Test
  void theFrontProxyCertificateMakesTheHeadersTheIdentity() {
    Authentication result = frontProxy(frontProxy(List.of()), AGGREGATOR, IDENTITY);
    assertThat(result.user()).isEqualTo(new UserInfo("alice", "uid-1", List.of("devs", "ops"),
        Map.of("scopes", List.of("a", "b"), "acme.com/project", List.of("p1"))));
  }

  @Test
  void headersWithoutAVerifiedFrontProxyCertificateAreIgnored() {
    assertThat(frontProxy(frontProxy(List.of()), null, IDENTITY)).isEqualTo(Authentication.none());
    TestCertificates.Issued impostor = TestCertificates.client(OTHER_CA, "front-proxy-client", List.of());
    Authentication other = frontProxy(frontProxy(List.of()), impostor, IDENTITY);
    assertThat(other.authenticated()).isFalse();
    assertThat(other.error()).startsWith("verifying certificate");
    TestCertificates.Issued clientCaCert = TestCertificates.client(CLIENT_CA, "front-proxy-client", List.of());
    assertThat(frontProxy(frontProxy(List.of()), clientCaCert, IDENTITY).authenticated()).isFalse();
    assertThat(frontProxy(RequestHeaderConfig.NONE, AGGREGATOR, IDENTITY)).isEqualTo(Authentication.none());
  }

  @Test
  void theCommonNameMustBeAllowedWhenAListIsGiven() {
    assertThat(frontProxy(frontProxy(List.of("front-proxy-client")), AGGREGATOR, IDENTITY).authenticated()).isTrue();
    Authentication refused = frontProxy(frontProxy(List.of("aggregator")), AGGREGATOR, IDENTITY);
    assertThat(refused.error()).isEqualTo("x509: subject with cn=front-proxy-client is not in the allowed list");
  }

  @Test
  void aVerifiedProxyWithoutAUserHeaderAuthenticatesNobody() {
    assertThat(frontProxy(frontProxy(List.of()), AGGREGATOR, headers("X-Remote-Group", List.of("devs"))))
        .isEqualTo(Authentication.none());
    assertThat(frontProxy(frontProxy(List.of()), AGGREGATOR, headers("X-Remote-User", List.of("", "x"))))
        .isEqualTo(Authentication.none());
  }

  @Test
  void usageAndValidityAreChecked() {
    TestCertificates.Issued serverOnly = TestCertificates.issue(FRONT_PROXY_CA, "front-proxy-client", List.of(),
        KeyPurposeId.id_kp_serverAuth, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    assertThat(frontProxy(frontProxy(List.of()), serverOnly, IDENTITY).error()).contains("incompatible key usage");
    TestCertificates.Issued expired = TestCertificates.issue(FRONT_PROXY_CA, "front-proxy-client", List.of(),
        KeyPurposeId.id_kp_clientAuth, Instant.now().minus(Duration.ofDays(3)), Instant.now().minus(Duration.ofDays(1)));
    assertThat(frontProxy(frontProxy(List.of()), expired, IDENTITY).authenticated()).isFalse();
    TestCertificates.Issued noUsage = TestCertificates.issue(FRONT_PROXY_CA, "front-proxy-client", List.of(), null,
        Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
    assertThat(frontProxy(frontProxy(List.of()), noUsage, IDENTITY).authenticated()).isTrue();
  }

  @Test
  void aClientCaCertificateIsItsCommonNameAndOrganizations() throws Exception {
    var authenticator = new ClientCertificateAuthenticator(
        () -> new CertificateAuthorities(List.of(CLIENT_CA.certificate())), Clock.systemUTC());
    TestCertificates.Issued bob = TestCertificates.client(CLIENT_CA, "bob", List.of("devs", "ops"));
    Authentication result = authenticator.authenticate(new Credentials(List.of(bob.certificate()), Map.of()))
        .toCompletableFuture().get();
    assertThat(result.user()).isEqualTo(new UserInfo("bob", "", List.of("devs", "ops"), Map.of()));
    TestCertificates.Issued stranger = TestCertificates.client(OTHER_CA, "bob", List.of("devs"));
    assertThat(authenticator.authenticate(new Credentials(List.of(stranger.certificate()), Map.of()))
        .toCompletableFuture().get().error()).startsWith("verifying certificate");
    assertThat(authenticator.authenticate(new Credentials(List.of(), IDENTITY)).toCompletableFuture().get())
        .isEqualTo(Authentication.none());
  }

  @Test
  void aBundleParsesFromPemAndASentRootIsTolerated() {
    CertificateAuthorities bundle = CertificateAuthorities.parsePem(
        CLIENT_CA.certificatePem() + FRONT_PROXY_CA.certificatePem());
    assertThat(bundle.certificates()).hasSize(2);
    assertThat(bundle.verify(List.of(AGGREGATOR.certificate(), FRONT_PROXY_CA.certificate()), new java.util.Date()))
        .isEmpty();
    assertThat(CertificateAuthorities.parsePem("")).isSameAs(CertificateAuthorities.NONE);
  }

  private static Map<String, List<String>> headers(Object... pairs) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> values = (List<String>) pairs[i + 1];
      headers.put((String) pairs[i], values);
    }
    return headers;
  }
}
