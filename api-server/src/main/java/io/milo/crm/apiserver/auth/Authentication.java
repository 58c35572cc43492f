package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;

/**
 * Authentication is one authenticator's answer: a user, nothing (the request carries no credential
 * this authenticator understands), or an error (it carries one, and it is not valid). Errors matter
 * beyond logging: a request with an invalid credential never falls back to anonymous.
 */
public record Authentication(UserInfo user, String error) {
  private static final Authentication NONE = new Authentication(null, null);

  public static Authentication of(UserInfo user) {
    return new Authentication(user, null);
  }

  public static Authentication none() {
    return NONE;
  }

  public static Authentication failed(String error) {
    return new Authentication(null, error);
  }

  public boolean authenticated() {
    return user != null;
  }
}
