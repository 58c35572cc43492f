package io.milo.crm.apiserver.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * AllowAllAuthorizer lets every authenticated request through: the standalone development server's
 * authorization when no policy file is given (upstream's AlwaysAllow mode).
 */
public final class AllowAllAuthorizer implements Authorizer {
  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    return CompletableFuture.completedFuture(Decision.allow(""));
  }
}
