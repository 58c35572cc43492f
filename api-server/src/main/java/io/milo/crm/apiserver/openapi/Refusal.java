package io.milo.crm.apiserver.openapi;

/**
 * Refusal builds the error for a Swagger 2.0 value gnostic's compiler would refuse, worded like
 * gnostic's own ({@code ERROR $root.paths has invalid property: x}); kube-openapi fails to build the
 * protobuf form on such an error, so the document must be fixed rather than the value skipped.
 */
final class Refusal {
  private Refusal() {}

  static IllegalArgumentException at(String where, String message) {
    return new IllegalArgumentException("ERROR " + where + " " + message);
  }
}
