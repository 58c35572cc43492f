package io.milo.crm.apiserver.rest;

import io.milo.crm.apiserver.negotiation.Encoding;
import io.milo.crm.apiserver.negotiation.Negotiated;
import io.milo.crm.apiserver.negotiation.Negotiation;
import io.milo.crm.apiserver.negotiation.NegotiationException;
import io.milo.crm.apiserver.negotiation.Target;
import io.milo.crm.apiserver.negotiation.Representation;
import io.milo.crm.apiserver.table.IncludeObject;

/** Outputs holds the fixed output of answers that are always JSON, and reads includeObject. */
final class Outputs {
  static final Negotiated JSON = new Negotiated(Representation.RESOURCE, Encoding.JSON, null, "application/json", false);

  private Outputs() {}

  /** The negotiated output for target; what cannot be served is the negotiation's 406. */
  static Negotiated negotiate(RequestContext ctx, Target target) {
    try {
      return Negotiation.output(ctx.request.getHeader("Accept"), target);
    } catch (NegotiationException e) {
      throw fromNegotiation(e);
    }
  }

  static ApiError fromNegotiation(NegotiationException e) {
    return ApiError.of(e.code(), e.reason(), e.getMessage());
  }

  /** Whether the request body is YAML (else JSON); any other media type is the negotiation's 415. */
  static boolean yamlBody(String contentType) {
    try {
      return Negotiation.body(contentType) == io.milo.crm.apiserver.negotiation.BodyType.YAML;
    } catch (NegotiationException e) {
      throw fromNegotiation(e);
    }
  }

  /** The includeObject parameter of a Table request (default Metadata); anything else is 400. */
  static IncludeObject includeObject(RequestContext ctx) {
    try {
      return IncludeObject.parse(ctx.query("includeObject"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }
}
