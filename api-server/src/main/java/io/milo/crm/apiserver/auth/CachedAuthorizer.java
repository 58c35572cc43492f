package io.milo.crm.apiserver.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CachedAuthorizer remembers the SubjectAccessReview answers for identical requests by identical
 * users: an allow for one time to live, anything else for another (the webhook authorizer's
 * authorized and unauthorized TTLs, 10 s each by default for a delegating server). Errors are not
 * remembered.
 */
public final class CachedAuthorizer implements Authorizer {
  private final Authorizer delegate;
  private final Duration allowTtl;
  private final Duration denyTtl;
  private final ExpiringCache<String, Decision> cache;

  public CachedAuthorizer(Authorizer delegate, Duration allowTtl, Duration denyTtl, Clock clock) {
    this.delegate = delegate;
    this.allowTtl = allowTtl;
    this.denyTtl = denyTtl;
    this.cache = new ExpiringCache<>(clock);
  }

  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    String key = SubjectAccessReviewAuthorizer.review(attributes).path("spec").toString();
    Decision cached = cache.get(key);
    if (cached != null) {
      return CompletableFuture.completedFuture(cached);
    }
    return delegate.authorize(attributes).thenApply(decision -> {
      if (decision.error() == null) {
        cache.put(key, decision, decision.allowed() ? allowTtl : denyTtl);
      }
      return decision;
    });
  }
}
