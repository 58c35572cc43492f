package io.milo.crm.apiserver.openapi;

import io.milo.crm.apiserver.negotiation.AcceptHeader;
import io.milo.crm.apiserver.negotiation.MediaRange;
import java.util.List;
import java.util.Optional;

/**
 * MediaRanges picks the media type of an OpenAPI answer from the Accept header as kube-openapi's
 * handlers (pkg/handler for v2, pkg/handler3 for v3) do: no header means {@code *}{@code /*}; the
 * clauses are parsed and ordered by goautoneg's {@code ParseAccept} (the same {@link AcceptHeader}
 * the resource negotiation uses); then the
 * first clause that matches any offered type, tried in the handler's order, decides. A clause matches
 * when its type equals the offered type or is {@code *}, and its subtype likewise; the quality only
 * orders, so even {@code q=0} selects.
 */
final class MediaRanges {
  private MediaRanges() {}

  /**
   * The first of {@code offered} (e.g. {@code application/json}, in the handler's order) the header
   * selects, or empty when none is acceptable (406).
   */
  static Optional<String> choose(String accept, List<String> offered) {
    String header = accept == null || accept.isEmpty() ? "*/*" : accept;
    for (MediaRange clause : AcceptHeader.parse(header)) {
      for (String mediaType : offered) {
        int slash = mediaType.indexOf('/');
        String type = mediaType.substring(0, slash);
        String subType = mediaType.substring(slash + 1);
        if ((clause.type().equals(type) || clause.type().equals("*"))
            && (clause.subType().equals(subType) || clause.subType().equals("*"))) {
          return Optional.of(mediaType);
        }
      }
    }
    return Optional.empty();
  }
}
