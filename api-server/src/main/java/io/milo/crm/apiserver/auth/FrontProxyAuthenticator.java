package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * FrontProxyAuthenticator trusts the identity headers of the front proxy, and only of the front
 * proxy: the connection's client certificate must verify against the request-header CA and carry an
 * allowed common name before a single header is read (upstream wraps requestheader.go in
 * x509.NewVerifier). Then the user is the first non-empty username header, the groups every non-blank
 * value of the group headers, the extra values those of headers under an extra prefix (key: the rest
 * of the header name, lowercased and %-decoded), the uid the first non-empty uid header.
 */
public final class FrontProxyAuthenticator implements RequestAuthenticator {
  private final Supplier<RequestHeaderConfig> config;
  private final Clock clock;

  public FrontProxyAuthenticator(Supplier<RequestHeaderConfig> config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Authentication> authenticate(Credentials credentials) {
    return CompletableFuture.completedFuture(authenticateNow(credentials));
  }

  Authentication authenticateNow(Credentials credentials) {
    RequestHeaderConfig settings = config.get();
    List<X509Certificate> chain = credentials.certificates();
    if (chain.isEmpty() || settings.ca().isEmpty()) {
      return Authentication.none();
    }
    Optional<String> invalid = settings.ca().verify(chain, java.util.Date.from(clock.instant()));
    if (invalid.isPresent()) {
      return Authentication.failed(invalid.get());
    }
    String commonName = CertificateAuthorities.commonName(chain.get(0));
    if (!settings.allowedNames().isEmpty() && !settings.allowedNames().contains(commonName)) {
      return Authentication.failed("x509: subject with cn=" + commonName + " is not in the allowed list");
    }
    String name = firstValue(credentials, settings.usernameHeaders());
    if (name.isEmpty()) {
      return Authentication.none();
    }
    List<String> groups = new ArrayList<>();
    for (String header : settings.groupHeaders()) {
      for (String value : credentials.header(header)) {
        if (!value.isBlank()) {
          groups.add(value);
        }
      }
    }
    return Authentication.of(new UserInfo(name, firstValue(credentials, settings.uidHeaders()), groups,
        extra(credentials, settings.extraHeaderPrefixes())));
  }

  /** The first value of the first header that has a non-empty first value (Go's Header.Get per name). */
  private static String firstValue(Credentials credentials, List<String> headers) {
    for (String header : headers) {
      List<String> values = credentials.header(header);
      if (!values.isEmpty() && !values.get(0).isEmpty()) {
        return values.get(0);
      }
    }
    return "";
  }

  static Map<String, List<String>> extra(Credentials credentials, List<String> prefixes) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (String prefix : prefixes) {
      String lowerPrefix = prefix.toLowerCase(Locale.ROOT);
      credentials.headers().forEach((header, values) -> {
        if (header.startsWith(lowerPrefix)) {
          String key = unescape(header.substring(lowerPrefix.length()));
          extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
        }
      });
    }
    return extra;
  }

  /** Go's url.PathUnescape of the key; a key that does not decode is kept as it is, as upstream does. */
  private static String unescape(String key) {
    try {
      return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }
}
