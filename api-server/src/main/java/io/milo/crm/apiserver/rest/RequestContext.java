package io.milo.crm.apiserver.rest;

import io.milo.crm.admission.UserInfo;
import io.milo.crm.apiserver.negotiation.Negotiated;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * RequestContext is one resource request as every handler sees it (upstream's RequestScope plus the
 * request): the kind served, the parsed path, the negotiated output, the requesting user, and the
 * warnings collected for the {@code Warning} header.
 */
final class RequestContext {
  final HttpServerRequest request;
  final ServedKind kind;
  final ResourcePath path;
  final UserInfo user;
  final List<String> warnings = new ArrayList<>();
  Negotiated output;
  /** What a mutation wrote (or deleted), for the activity log. */
  com.fasterxml.jackson.databind.JsonNode written;

  RequestContext(HttpServerRequest request, ServedKind kind, ResourcePath path, UserInfo user) {
    this.request = request;
    this.kind = kind;
    this.path = path;
    this.user = user;
  }

  String namespace() {
    return path.namespace();
  }

  String name() {
    return path.name();
  }

  String query(String name) {
    return request.getParam(name);
  }

  boolean isStatus() {
    return path.subresource().equals("status");
  }
}
