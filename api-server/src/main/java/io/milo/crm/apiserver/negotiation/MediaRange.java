package io.milo.crm.apiserver.negotiation;

import java.util.Map;

/**
 * MediaRange is one clause of an Accept header as the kube-apiserver reads it (github.com/munnerz/goautoneg,
 * vendored by k8s.io/apiserver): a type, a subtype, a quality and the other parameters, verbatim (no
 * lowercasing, no unquoting).
 *
 * @param type e.g. "application" or "*"
 * @param subType e.g. "json" or "*"
 * @param q the quality, 1 unless given; it only orders the clauses (a range with q=0 is still acceptable)
 * @param params every parameter but q, the last one winning when a key repeats
 */
public record MediaRange(String type, String subType, double q, Map<String, String> params) {
  public MediaRange {
    params = Map.copyOf(params);
  }

  boolean matches(MediaType mediaType) {
    return (type.equals(mediaType.type()) && (subType.equals(mediaType.subType()) || subType.equals("*")))
        || (type.equals("*") && subType.equals("*"));
  }
}
