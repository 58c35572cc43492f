package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.apiserver.auth.TokenAuthenticator;
import io.milo.crm.apiserver.tls.ServingCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the standalone server keeps in its data directory: secret ones owner-only, and reused. */
class LocalFilesTest {
  @TempDir
  Path dir;

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void theAdminTokenIsKeptAcrossStartsAndReadableByItsOwnerOnly() throws Exception {
    TokenAuthenticator first = TokenAuthenticator.adminToken(dir);
    TokenAuthenticator second = TokenAuthenticator.adminToken(dir);
    assertThat(second.token()).isEqualTo(first.token()).hasSizeGreaterThanOrEqualTo(43);
    assertThat(mode(dir.resolve("admin-token"))).isEqualTo("rw-------");
    assertThat(first.accepts("Bearer " + first.token())).isTrue();
    assertThat(first.accepts("bearer " + first.token())).isTrue();
    assertThat(first.accepts("Bearer " + first.token() + "x")).isFalse();
    assertThat(first.accepts(first.token())).isFalse();
    assertThat(first.accepts(null)).isFalse();
  }

  @Test
  void theSelfSignedCertificateIsReusedUntilItsNamesChange() throws Exception {
    ServingCertificate first = ServingCertificate.selfSigned(dir, List.of("localhost", "127.0.0.1"));
    assertThat(mode(first.keyFile())).isEqualTo("rw-------");
    assertThat(first.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Files.readString(first.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    String pem = first.certificatePem();
    assertThat(ServingCertificate.selfSigned(dir, List.of("localhost", "127.0.0.1")).certificatePem()).isEqualTo(pem);
    assertThat(ServingCertificate.selfSigned(dir, List.of("localhost", "127.0.0.1", "crm.example.svc"))
        .certificatePem()).isNotEqualTo(pem);
  }

  @Test
  void anIpv6NameKeepsItsCertificateAndAnotherAddressReplacesIt() throws Exception {
    String pem = ServingCertificate.selfSigned(dir, List.of("localhost", "::1")).certificatePem();
    assertThat(ServingCertificate.selfSigned(dir, List.of("localhost", "::1")).certificatePem()).isEqualTo(pem);
    assertThat(ServingCertificate.selfSigned(dir, List.of("localhost", "::2")).certificatePem()).isNotEqualTo(pem);
  }

  @Test
  void theKubeconfigIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("sub/kubeconfig");
    Kubeconfig.write(file, "https://127.0.0.1:8443", "PEM", "token");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("server: https://127.0.0.1:8443").contains("token: token");
  }

  @Test
  void theKubeconfigNamesAnAddressALocalClientCanReach() {
    assertThat(Main.hostForUrl("0.0.0.0")).isEqualTo("127.0.0.1");
    assertThat(Main.hostForUrl("::")).isEqualTo("127.0.0.1");
    assertThat(Main.hostForUrl("::1")).isEqualTo("[::1]");
    assertThat(Main.hostForUrl("10.0.0.5")).isEqualTo("10.0.0.5");
  }
}
