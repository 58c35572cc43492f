package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.validation.FieldError;
import java.util.List;
import java.util.regex.Pattern;

/**
 * NamespaceRules checks metadata.namespace the way ValidateObjectMeta does for the kind's scope:
 * required (a DNS label) for namespaced kinds; cluster-scoped objects have none (the handlers drop
 * it). Standalone, any well-formed namespace is accepted: there is no namespace API here.
 */
final class NamespaceRules {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private NamespaceRules() {}

  static List<FieldError> check(ServedKind kind, ObjectNode object) {
    if (!kind.namespaced()) {
      return List.of();
    }
    String namespace = ObjectStrategy.metadata(object).path("namespace").asText("");
    if (namespace.isEmpty()) {
      return List.of(FieldError.required("metadata.namespace", ""));
    }
    if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
      return List.of(FieldError.invalid("metadata.namespace", namespace,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
              + "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
              + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
    }
    return List.of();
  }
}
