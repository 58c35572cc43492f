package io.milo.crm.apiserver.auth;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** TestCertificates makes CAs and client certificates with BouncyCastle, as tests need them. */
public final class TestCertificates {
  private TestCertificates() {}

  /** A certificate with its key. */
  public record Issued(X509Certificate certificate, KeyPair keys) {
    public String certificatePem() {
      return pem(certificate);
    }

    public String keyPem() {
      try {
        return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  public static Issued ca(String commonName) {
    KeyPair keys = keys();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    return new Issued(build(subject, subject, keys, keys, true, null, Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1))), keys);
  }

  /** A client certificate (extended key usage clientAuth) for CN commonName and O organizations. */
  public static Issued client(Issued ca, String commonName, List<String> organizations) {
    return issue(ca, commonName, organizations, KeyPurposeId.id_kp_clientAuth, Instant.now().minus(Duration.ofHours(1)),
        Instant.now().plus(Duration.ofDays(1)));
  }

  public static Issued issue(Issued ca, String commonName, List<String> organizations, KeyPurposeId usage,
      Instant notBefore, Instant notAfter) {
    KeyPair keys = keys();
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    for (String organization : organizations) {
      name.addRDN(BCStyle.O, organization);
    }
    name.addRDN(BCStyle.CN, commonName);
    X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    return new Issued(build(issuer, name.build(), keys, ca.keys(), false, usage, notBefore, notAfter), keys);
  }

  private static X509Certificate build(X500Name issuer, X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys,
      boolean isCa, KeyPurposeId usage, Instant notBefore, Instant notAfter) {
    try {
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
          Date.from(notBefore), Date.from(notAfter), subject, subjectKeys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
      } else {
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      }
      if (usage != null) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
      }
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(Object object) {
    try {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(object);
      }
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
