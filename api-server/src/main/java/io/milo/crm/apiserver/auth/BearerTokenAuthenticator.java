package io.milo.crm.apiserver.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * BearerTokenAuthenticator reads the Authorization bearer token and asks each token verifier in
 * turn; the first that knows the token wins. A token nobody knows is an error ("invalid bearer
 * token", as upstream's bearertoken authenticator), so it is never taken for anonymous.
 */
public final class BearerTokenAuthenticator implements RequestAuthenticator {
  private final List<TokenVerifier> verifiers;

  public BearerTokenAuthenticator(List<TokenVerifier> verifiers) {
    this.verifiers = List.copyOf(verifiers);
  }

  @Override
  public CompletionStage<Authentication> authenticate(Credentials credentials) {
    String token = credentials.bearerToken();
    if (token == null) {
      return CompletableFuture.completedFuture(Authentication.none());
    }
    return tryFrom(0, token, null);
  }

  private CompletionStage<Authentication> tryFrom(int index, String token, String firstError) {
    if (index >= verifiers.size()) {
      return CompletableFuture.completedFuture(Authentication.failed(
          "invalid bearer token" + (firstError == null ? "" : ", " + firstError)));
    }
    return verifiers.get(index).verify(token).thenCompose(result -> result.authenticated()
        ? CompletableFuture.completedFuture(result)
        : tryFrom(index + 1, token, firstError != null ? firstError : result.error()));
  }
}
