package io.milo.crm.apiserver.openapi;

import java.util.Objects;

/**
 * Parameter is one non-body parameter of an operation, as go-restful declares it for the
 * kube-apiserver: a path or query parameter with a simple JSON type. Two parameters are the same
 * parameter when name and location match (kube-openapi's key when it moves parameters shared by all
 * operations of a path up to the path).
 *
 * @param name the parameter name, e.g. "fieldValidation"
 * @param in "path" or "query"
 * @param description what the parameter means (from the options type's field documentation)
 * @param type the JSON type: string, integer or boolean
 */
record Parameter(String name, String in, String description, String type) {
  static final String PATH = "path";
  static final String QUERY = "query";

  Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    if (!PATH.equals(in) && !QUERY.equals(in)) {
      throw new IllegalArgumentException("parameter " + name + ": in must be path or query, got " + in);
    }
  }

  static Parameter query(String name, String type, String description) {
    return new Parameter(name, QUERY, description, type);
  }

  static Parameter path(String name, String description) {
    return new Parameter(name, PATH, description, "string");
  }

  /** Path parameters are always required; query parameters never are, for these operations. */
  boolean required() {
    return PATH.equals(in);
  }

  /** The identity kube-openapi uses to find parameters common to every operation of a path. */
  String key() {
    return in + ":" + name;
  }
}
