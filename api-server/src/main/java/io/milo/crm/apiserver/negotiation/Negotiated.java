package io.milo.crm.apiserver.negotiation;

import java.util.Objects;

/**
 * Negotiated is how to write a resource response: which representation, in which encoding, with which
 * Content-Type. The Content-Type names the encoding only ({@code application/json} for a Table too), as the
 * kube-apiserver answers; a watch is {@code application/json} as well, never {@code ;stream=watch}.
 *
 * @param representation the form asked for
 * @param encoding JSON or YAML
 * @param version "v1" or "v1beta1" for the meta.k8s.io representations (their apiVersion is
 *     {@code meta.k8s.io/<version>}), null for {@link Representation#RESOURCE}
 * @param contentType the response's Content-Type
 * @param pretty whether the chosen clause carried {@code pretty=1} (upstream then indents JSON; the
 *     {@code pretty} query parameter and browser or curl User-Agents do the same, and are the caller's)
 */
public record Negotiated(Representation representation, Encoding encoding, String version, String contentType,
    boolean pretty) {
  public Negotiated {
    Objects.requireNonNull(representation, "representation");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(contentType, "contentType");
    if ((representation == Representation.RESOURCE) != (version == null)) {
      throw new IllegalArgumentException("a version goes with the meta.k8s.io representations only");
    }
  }
}
