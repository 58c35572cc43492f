package io.milo.crm.apiserver.negotiation;

/** UnsupportedMediaType is a 415: the request body's Content-Type is not one the endpoint decodes. */
public final class UnsupportedMediaType extends NegotiationException {
  private static final long serialVersionUID = 1L;

  UnsupportedMediaType(String message) {
    super(message);
  }

  @Override
  public int code() {
    return 415;
  }

  @Override
  public String reason() {
    return "UnsupportedMediaType";
  }
}
