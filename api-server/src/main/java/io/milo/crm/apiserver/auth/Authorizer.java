package io.milo.crm.apiserver.auth;

import java.util.concurrent.CompletionStage;

/** Authorizer decides whether a user may make a request (authorizer.Authorizer). */
public interface Authorizer {
  CompletionStage<Decision> authorize(Attributes attributes);
}
