package io.milo.crm.apiserver.openapi;

import java.util.List;

/**
 * Route is one operation (path and HTTP method) of a custom resource, in the version-neutral shape
 * the CRD builder hands kube-openapi: the v2 and v3 writers each render it in their format.
 *
 * @param path the URL path template, e.g. {@code /apis/crm.milo.io/v1alpha1/people/{name}}
 * @param method the HTTP method in lower case, as OpenAPI path items name operations
 * @param action the {@code x-kubernetes-action}: get, list, post, put, patch, delete or deletecollection
 * @param operationId the operation id, e.g. {@code readCrmMiloIoV1alpha1Person}
 * @param tag the operation's single tag, e.g. {@code crmMiloIo_v1alpha1}
 * @param description the operation's description, e.g. "read the specified Person"
 * @param group the group of {@code x-kubernetes-group-version-kind}
 * @param version the version of {@code x-kubernetes-group-version-kind}
 * @param kind the kind of {@code x-kubernetes-group-version-kind}
 * @param parameters the path and query parameters, body excluded
 * @param body the request body, or null for none
 * @param consumes the request media types
 * @param produces the response media types
 * @param responses the responses by status code, in declaration order
 */
record Route(String path, String method, String action, String operationId, String tag, String description,
    String group, String version, String kind, List<Parameter> parameters, Body body, List<String> consumes,
    List<String> produces, List<Response> responses) {

  Route {
    parameters = List.copyOf(parameters);
    consumes = List.copyOf(consumes);
    produces = List.copyOf(produces);
    responses = List.copyOf(responses);
  }

  /**
   * The body of a request.
   *
   * @param definition the name of the definition the body follows
   * @param required whether the body is required (it is not for delete)
   */
  record Body(String definition, boolean required) {}

  /**
   * One response.
   *
   * @param code the HTTP status
   * @param description "OK", "Created", "Accepted" or "Unauthorized"
   * @param definition the definition the response body follows, or null when there is none
   */
  record Response(int code, String description, String definition) {}
}
