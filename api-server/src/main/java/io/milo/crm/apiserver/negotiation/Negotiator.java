package io.milo.crm.apiserver.negotiation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Negotiator picks the Accept clause an endpoint answers, as upstream's {@code NegotiateMediaTypeOptions}
 * (k8s.io/apiserver pkg/endpoints/handlers/negotiation/negotiate.go) does: no header means the first
 * serializer; otherwise the first clause, in goautoneg's order, that matches a serializer (exactly,
 * {@code type/*} or {@code *&#47;*}, trying the serializers in order) with parameters the endpoint allows.
 */
final class Negotiator {
  private Negotiator() {}

  /**
   * What was agreed.
   *
   * @param mediaType the serializer
   * @param conversion the conversion asked for, or null
   * @param pretty whether the clause asked {@code pretty=1}
   */
  record Choice(MediaType mediaType, Conversion conversion, boolean pretty) {}

  static Optional<Choice> negotiate(String accept, List<MediaType> serializers, EndpointRestrictions endpoint) {
    if (accept == null || accept.isEmpty()) {
      return Optional.of(new Choice(serializers.get(0), null, false));
    }
    for (MediaRange range : AcceptHeader.parse(accept)) {
      for (MediaType serializer : serializers) {
        if (range.matches(serializer)) {
          Optional<Choice> choice = options(range.params(), serializer, endpoint);
          if (choice.isPresent()) {
            return choice;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Upstream's {@code acceptMediaTypeOptions}: the clause's parameters, or empty when the endpoint refuses them. */
  private static Optional<Choice> options(Map<String, String> params, MediaType serializer, EndpointRestrictions endpoint) {
    String stream = params.getOrDefault("stream", "");
    if (!stream.isEmpty() && (!serializer.streams() || !stream.equals("watch"))) {
      return Optional.empty();
    }
    String serverVersion = params.getOrDefault("sv", "");
    if (!serverVersion.isEmpty() && !endpoint.allowsServerVersion(serverVersion)) {
      return Optional.empty();
    }
    Conversion conversion = null;
    if (params.containsKey("as") || params.containsKey("g") || params.containsKey("v")) {
      conversion = new Conversion(params.getOrDefault("g", ""), params.getOrDefault("v", ""),
          params.getOrDefault("as", ""));
    }
    if (!endpoint.allowsTransform(serializer, conversion)) {
      return Optional.empty();
    }
    return Optional.of(new Choice(serializer, conversion, "1".equals(params.get("pretty"))));
  }
}
