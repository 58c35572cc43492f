package io.milo.crm.apiserver.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CachedTokenVerifier remembers another verifier's answers, a success for one time to live and a
 * rejection for another (upstream's delegating authenticator caches TokenReviews 10 s both ways,
 * k8s.io/apiserver pkg/authentication/token/cache). Errors (the reviewer could not be reached) are
 * not remembered. Tokens are kept only as their SHA-256.
 */
public final class CachedTokenVerifier implements TokenVerifier {
  private final TokenVerifier delegate;
  private final Duration successTtl;
  private final Duration failureTtl;
  private final ExpiringCache<String, Authentication> cache;

  public CachedTokenVerifier(TokenVerifier delegate, Duration successTtl, Duration failureTtl, Clock clock) {
    this.delegate = delegate;
    this.successTtl = successTtl;
    this.failureTtl = failureTtl;
    this.cache = new ExpiringCache<>(clock);
  }

  @Override
  public CompletionStage<Authentication> verify(String token) {
    String key = sha256(token);
    Authentication cached = cache.get(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return delegate.verify(token).thenApply(result -> {
      if (result.authenticated()) {
        cache.put(key, result, successTtl);
      } else if (result.error() == null || result.error().startsWith(TokenReviewVerifier.REJECTED)) {
        cache.put(key, result, failureTtl);
      }
      return result;
    });
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
