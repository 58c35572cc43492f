package io.milo.crm.apiserver.negotiation;

/**
 * NotAcceptable is a 406: no Accept clause names a form this endpoint serves, or the one chosen does not fit
 * the response (a PartialObjectMetadata of a list). Upstream writes its Status with
 * {@code responsewriters.WriteRawJSON} whenever the Accept header has no plain JSON or YAML clause, that is
 * indented JSON ({@link StatusBody#indented}); see {@link Negotiation#statusEncoding}.
 */
public final class NotAcceptable extends NegotiationException {
  private static final long serialVersionUID = 1L;

  NotAcceptable(String message) {
    super(message);
  }

  @Override
  public int code() {
    return 406;
  }

  @Override
  public String reason() {
    return "NotAcceptable";
  }
}
