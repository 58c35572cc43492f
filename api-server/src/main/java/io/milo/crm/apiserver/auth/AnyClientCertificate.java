package io.milo.crm.apiserver.auth;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * AnyClientCertificate is the TLS server's trust manager: it lets the handshake accept any client
 * certificate (the handshake still proves the client holds its key) and advertises no CA, so a
 * client sends whatever certificate it has. Whether the certificate means anything is decided per
 * request, in code, against the CAs of that moment ({@link CertificateAuthorities}); so a CA change
 * needs no TLS restart and an unknown certificate authenticates nobody.
 */
public final class AnyClientCertificate extends X509ExtendedTrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Verified per request against the current CAs.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // Verified per request against the current CAs.
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // Verified per request against the current CAs.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a server-side trust manager checks no server");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("a server-side trust manager checks no server");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a server-side trust manager checks no server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
