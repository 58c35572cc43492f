package io.milo.crm.apiserver.auth;

/**
 * Decision is an authorizer's answer (authorizer.Decision with its reason and error): allow, deny,
 * or no opinion, which lets the next authorizer decide. An error (the authorizer could not decide)
 * turns a request that nothing allowed into a 500 rather than a 403.
 */
public record Decision(Kind kind, String reason, String error) {
  /** The three answers. */
  public enum Kind { ALLOW, DENY, NO_OPINION }

  public static Decision allow(String reason) {
    return new Decision(Kind.ALLOW, reason, null);
  }

  public static Decision deny(String reason) {
    return new Decision(Kind.DENY, reason, null);
  }

  public static Decision noOpinion(String reason) {
    return new Decision(Kind.NO_OPINION, reason, null);
  }

  public static Decision failed(String error) {
    return new Decision(Kind.NO_OPINION, "", error);
  }

  public boolean allowed() {
    return kind == Kind.ALLOW;
  }
}
