package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.rest.ApiError;

/**
 * Forbidden is the 403 Status for a request no authorizer allowed, worded as the kube-apiserver
 * words it (forbiddenMessage and Forbidden in k8s.io/apiserver
 * pkg/endpoints/handlers/responsewriters/errors.go, NewForbidden in k8s.io/apimachinery
 * pkg/api/errors): {@code people.crm.milo.io is forbidden: User "bob" cannot list resource "people"
 * in API group "crm.milo.io" at the cluster scope}, the authorizer's reason appended after a colon.
 */
public final class Forbidden {
  private Forbidden() {}

  public static ApiError of(Attributes attributes, String reason) {
    RequestInfo request = attributes.request();
    String message = sanitize(message(attributes));
    if (reason != null && !reason.isEmpty()) {
      message = message + ": " + reason;
    }
    String group = request.resourceRequest() ? request.apiGroup() : "";
    String resource = request.resourceRequest() ? request.resource() : "";
    String name = request.resourceRequest() ? request.name() : "";
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    String full;
    if (qualified.isEmpty()) {
      full = "forbidden: " + message;
    } else if (name.isEmpty()) {
      full = qualified + " is forbidden: " + message;
    } else {
      full = qualified + " " + GoQuote.quote(name) + " is forbidden: " + message;
    }
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (!name.isEmpty()) {
      details.put("name", name);
    }
    if (!group.isEmpty()) {
      details.put("group", group);
    }
    if (!resource.isEmpty()) {
      details.put("kind", resource);
    }
    return ApiError.withDetails(403, "Forbidden", full, details);
  }

  static String message(Attributes attributes) {
    String user = GoQuote.quote(attributes.user() == null ? "" : attributes.user().name());
    RequestInfo request = attributes.request();
    if (!request.resourceRequest()) {
      return "User " + user + " cannot " + request.verb() + " path " + GoQuote.quote(request.path());
    }
    String resource = request.resource();
    if (!request.subresource().isEmpty()) {
      resource = resource + "/" + request.subresource();
    }
    String what = "User " + user + " cannot " + request.verb() + " resource " + GoQuote.quote(resource)
        + " in API group " + GoQuote.quote(request.apiGroup());
    return request.namespace().isEmpty()
        ? what + " at the cluster scope"
        : what + " in the namespace " + GoQuote.quote(request.namespace());
  }

  /** Upstream escapes the message for HTML as a guard against reflected content. */
  private static String sanitize(String message) {
    return message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
