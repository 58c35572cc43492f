package io.milo.crm.apiserver.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.milo.crm.apiserver.PrivateFiles;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * ServingCertificate is the server's TLS certificate and key as PEM files. When no files are
 * given, it makes a self-signed one (BouncyCastle) for the names clients use, keeps it in the data
 * directory and reuses it while it is valid, so a kubeconfig written once keeps working.
 *
 * @param certificateFile PEM certificate (also the CA a client trusts, for a self-signed one)
 * @param keyFile PEM private key
 */
public record ServingCertificate(Path certificateFile, Path keyFile) {
  private static final Duration VALIDITY = Duration.ofDays(365);

  /** The self-signed certificate in dir, made (or made again, when its names changed) as needed. */
  public static ServingCertificate selfSigned(Path dir, List<String> names) {
    Path cert = dir.resolve("serving.crt");
    Path key = dir.resolve("serving.key");
    try {
      if (Files.exists(cert) && Files.exists(key) && stillServes(cert, names)) {
        return new ServingCertificate(cert, key);
      }
      Files.createDirectories(dir);
      generate(names, cert, key);
      return new ServingCertificate(cert, key);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the serving certificate to " + dir, e);
    }
  }

  /** The certificate's PEM text. */
  public String certificatePem() {
    try {
      return Files.readString(certificateFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the certificate is valid for another week and names exactly these hosts. Read with the
   * JDK's own X.509 parser, which TLS loads anyway: BouncyCastle is only needed to make one.
   */
  private static boolean stillServes(Path cert, List<String> names) throws IOException {
    java.security.cert.X509Certificate certificate;
    try (var in = Files.newInputStream(cert)) {
      certificate = (java.security.cert.X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (java.security.cert.CertificateException e) {
      return false;
    }
    if (certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(7)))) {
      return false;
    }
    try {
      java.util.Collection<List<?>> present = certificate.getSubjectAlternativeNames();
      if (present == null) {
        return false;
      }
      List<String> have = new ArrayList<>();
      for (List<?> san : present) {
        have.add(san.get(0) + "=" + canonical((Integer) san.get(0), san.get(1).toString()));
      }
      List<String> want = new ArrayList<>();
      for (String name : new java.util.LinkedHashSet<>(names)) {
        int type = isIp(name) ? GeneralName.iPAddress : GeneralName.dNSName;
        want.add(type + "=" + canonical(type, name));
      }
      return have.equals(want);
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  /** An IP address in one spelling (::1 and 0:0:0:0:0:0:0:1 are the same SAN); a DNS name as it is. */
  private static String canonical(int type, String name) {
    if (type != GeneralName.iPAddress) {
      return name;
    }
    try {
      return java.net.InetAddress.getByName(name).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return name;
    }
  }

  private static boolean isIp(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static GeneralNames subjectAlternativeNames(List<String> names) {
    List<GeneralName> sans = new ArrayList<>();
    for (String name : new java.util.LinkedHashSet<>(names)) {
      boolean ip = isIp(name);
      sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
    }
    return new GeneralNames(sans.toArray(GeneralName[]::new));
  }

  private static void generate(List<String> names, Path certFile, Path keyFile) throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256, new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=milo-crm-apiserver");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
      // A self-signed serving certificate is its own CA: clients trust it as certificate-authority-data.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      Files.writeString(certFile, pem(holder), StandardCharsets.US_ASCII);
      PrivateFiles.write(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not make a self-signed certificate", e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
