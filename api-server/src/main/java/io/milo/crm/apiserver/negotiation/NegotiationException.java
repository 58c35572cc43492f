package io.milo.crm.apiserver.negotiation;

/**
 * NegotiationException is a request the server cannot answer in a form the client accepts or cannot read
 * in the form the client sent; it carries what the {@code metav1.Status} of the response needs.
 */
public abstract sealed class NegotiationException extends Exception permits NotAcceptable, UnsupportedMediaType {
  private static final long serialVersionUID = 1L;

  NegotiationException(String message) {
    super(message);
  }

  /** The HTTP status and the Status's {@code code}. */
  public abstract int code();

  /** The Status's {@code reason}. */
  public abstract String reason();
}
