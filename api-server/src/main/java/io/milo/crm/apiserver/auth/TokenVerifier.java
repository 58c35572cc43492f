package io.milo.crm.apiserver.auth;

import java.util.concurrent.CompletionStage;

/** TokenVerifier finds who a bearer token belongs to (authenticator.Token). */
public interface TokenVerifier {
  CompletionStage<Authentication> verify(String token);
}
