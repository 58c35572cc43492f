package io.milo.crm.apiserver.auth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CertificateAuthorities is a CA bundle (PEM) and the check a client certificate must pass against
 * it, as upstream's x509 request authenticator does (k8s.io/apiserver
 * pkg/authentication/request/x509/x509.go): the chain the client sent (leaf first, the rest as
 * intermediates) must lead to one of the CAs (PKIX, no revocation), and the leaf must be usable for
 * client authentication.
 */
public final class CertificateAuthorities {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";
  public static final CertificateAuthorities NONE = new CertificateAuthorities(List.of());

  private final List<X509Certificate> certificates;
  private final Set<TrustAnchor> anchors;

  public CertificateAuthorities(List<X509Certificate> certificates) {
    this.certificates = List.copyOf(certificates);
    Set<TrustAnchor> set = new HashSet<>();
    for (X509Certificate ca : certificates) {
      set.add(new TrustAnchor(ca, null));
    }
    this.anchors = Set.copyOf(set);
  }

  /** The certificates of a PEM bundle; an empty or blank text is an empty bundle. */
  public static CertificateAuthorities parsePem(String pem) {
    if (pem == null || pem.isBlank()) {
      return NONE;
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var cert : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) cert);
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no certificate in the CA bundle");
      }
      return new CertificateAuthorities(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  public boolean isEmpty() {
    return certificates.isEmpty();
  }

  /** Why the chain does not verify at the given time, or empty when it does. */
  public Optional<String> verify(List<X509Certificate> chain, Date at) {
    if (chain.isEmpty()) {
      return Optional.of("no client certificate");
    }
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName();
    if (anchors.isEmpty()) {
      return Optional.of("verifying certificate " + subject + " failed: no certificate authority configured");
    }
    try {
      List<X509Certificate> path = new ArrayList<>(chain);
      // A client may send its root too; PKIX wants the path without the trust anchor.
      while (path.size() > 1 && certificates.contains(path.get(path.size() - 1))) {
        path.remove(path.size() - 1);
      }
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(at);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
        return Optional.of("verifying certificate " + subject
            + " failed: x509: certificate specifies an incompatible key usage");
      }
      return Optional.empty();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("verifying certificate " + subject + " failed: " + e.getMessage());
    }
  }

  /** The leaf's subject common name, or "" without one. */
  static String commonName(X509Certificate certificate) {
    return rdnValues(certificate, "CN").stream().findFirst().orElse("");
  }

  /** The leaf's subject organizations, which client-certificate users get as groups. */
  static List<String> organizations(X509Certificate certificate) {
    return rdnValues(certificate, "O");
  }

  private static List<String> rdnValues(X509Certificate certificate, String type) {
    try {
      var name = new javax.naming.ldap.LdapName(certificate.getSubjectX500Principal().getName());
      List<String> values = new ArrayList<>();
      // LdapName indexes RDNs from the right of the RFC 2253 text, which is the certificate's own order.
      for (int i = 0; i < name.getRdns().size(); i++) {
        var rdn = name.getRdns().get(i);
        var attributes = rdn.toAttributes();
        var attribute = attributes.get(type);
        if (attribute != null) {
          for (int j = 0; j < attribute.size(); j++) {
            values.add(String.valueOf(attribute.get(j)));
          }
        }
      }
      return values;
    } catch (javax.naming.NamingException e) {
      return List.of();
    }
  }
}
