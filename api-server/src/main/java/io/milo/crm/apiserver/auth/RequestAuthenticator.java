package io.milo.crm.apiserver.auth;

import java.util.concurrent.CompletionStage;

/** RequestAuthenticator finds who sent a request from its credentials (authenticator.Request). */
public interface RequestAuthenticator {
  CompletionStage<Authentication> authenticate(Credentials credentials);
}
