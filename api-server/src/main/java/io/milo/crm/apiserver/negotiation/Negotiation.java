package io.milo.crm.apiserver.negotiation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Negotiation is the one place that reads Accept and Content-Type: it decides how a resource response, a
 * Status or a discovery document is written and how a request body is read, with the kube-apiserver's rules
 * and messages for custom resources (k8s.io/apiserver pkg/endpoints/handlers/negotiation/negotiate.go and
 * errors.go, handlers/rest.go, response.go, get.go, watch.go, patch.go; k8s.io/apiextensions-apiserver
 * pkg/apiserver/customresource_handler.go). One deliberate difference: protobuf is never answered, so a
 * protobuf clause is skipped and the next acceptable one is used.
 */
public final class Negotiation {
  private static final List<MediaType> SERIALIZERS = MediaType.SERVED_BY_KUBERNETES;

  /** Upstream's 406 for a resource or discovery endpoint: every serializer is named, protobuf included. */
  static final String NOT_ACCEPTABLE = "only the following media types are accepted: "
      + SERIALIZERS.stream().map(MediaType::name).collect(Collectors.joining(", "));

  /** Upstream's 406 when the negotiated serializer cannot frame a watch (YAML). */
  static final String NOT_ACCEPTABLE_STREAM = "only the following media types are accepted: "
      + SERIALIZERS.stream().filter(MediaType::streams).map(t -> t.name() + ";stream=watch")
          .collect(Collectors.joining(", "));

  /** Upstream's 415 for a create or update body. */
  static final String UNSUPPORTED_BODY = "the body of the request was in an unknown format - accepted media types include: "
      + SERIALIZERS.stream().map(MediaType::name).collect(Collectors.joining(", "));

  /** Upstream's 415 for a patch of a custom resource. */
  static final String UNSUPPORTED_PATCH = "the body of the request was in an unknown format - accepted media types include: "
      + Arrays.stream(PatchType.values()).map(PatchType::mediaType).collect(Collectors.joining(", "));

  // The type names upstream prints for a custom resource's object and list (Go's %T).
  static final String OBJECT_IS_A_LIST =
      "you requested PartialObjectMetadata, but the requested object is a list (*unstructured.UnstructuredList)";
  static final String OBJECT_IS_NOT_A_LIST =
      "you requested PartialObjectMetadataList, but the requested object is not a list (*unstructured.Unstructured)";

  private Negotiation() {}

  /**
   * How to write a resource response. No Accept header, {@code *&#47;*} or {@code application/*} mean JSON;
   * q values only order the clauses. A clause is skipped when it asks for protobuf, for an unknown
   * {@code as}/{@code g}/{@code v}, for Table in anything but JSON or YAML, for a stream other than
   * {@code watch}, or for a server version other than v1. The first clause left decides; if it asks for the
   * single form on a list or the list form on an object the answer is 406, not the next clause, as upstream
   * converts only after choosing. A watch also needs an encoding that streams (not YAML).
   *
   * @param accept the Accept header, null or empty when absent
   * @param target what the response carries
   * @throws NotAcceptable with upstream's message when nothing acceptable is served
   */
  public static Negotiated output(String accept, Target target) throws NotAcceptable {
    EndpointRestrictions restrictions = EndpointRestrictions.resource(target != Target.WATCH_LIST);
    Negotiator.Choice choice = Negotiator.negotiate(accept, SERIALIZERS, restrictions)
        .orElseThrow(() -> new NotAcceptable(NOT_ACCEPTABLE));
    if (target.isWatch()) {
      requireStreaming(accept);
    }
    Encoding encoding = choice.mediaType().equals(MediaType.YAML) ? Encoding.YAML : Encoding.JSON;
    Conversion conversion = choice.conversion();
    if (conversion == null) {
      return new Negotiated(Representation.RESOURCE, encoding, null, encoding.contentType(), choice.pretty());
    }
    Representation representation = switch (conversion.kind()) {
      case "Table" -> Representation.TABLE;
      case "PartialObjectMetadata" -> Representation.PARTIAL_OBJECT_METADATA;
      default -> Representation.PARTIAL_OBJECT_METADATA_LIST;
    };
    if (representation == Representation.PARTIAL_OBJECT_METADATA && target == Target.LIST) {
      throw new NotAcceptable(OBJECT_IS_A_LIST);
    }
    // A watch asked for the list form gets PartialObjectMetadata events (upstream sends full objects
    // for custom resources, which breaks metadata informers; spec: api-semantics.md §3).
    if (representation == Representation.PARTIAL_OBJECT_METADATA_LIST && target == Target.OBJECT) {
      throw new NotAcceptable(OBJECT_IS_NOT_A_LIST);
    }
    return new Negotiated(representation, encoding, conversion.version(), encoding.contentType(), choice.pretty());
  }

  /**
   * A watch negotiates its stream serializer a second time, with the plain resource restrictions even for
   * a WatchList (k8s.io/apiserver pkg/endpoints/handlers/watch.go, {@code NegotiateOutputMediaTypeStream}):
   * the first clause that fits must be JSON.
   */
  private static void requireStreaming(String accept) throws NotAcceptable {
    Optional<Negotiator.Choice> stream = Negotiator.negotiate(accept, SERIALIZERS, EndpointRestrictions.resource(true));
    if (stream.isEmpty() || !stream.get().mediaType().streams()) {
      throw new NotAcceptable(NOT_ACCEPTABLE_STREAM);
    }
  }

  /**
   * How to write a Status (an error, or the Status a delete returns): JSON or YAML when a plain clause
   * allows one; empty when none does, and then upstream writes indented JSON ({@link StatusBody#indented}).
   */
  public static Optional<Encoding> statusEncoding(String accept) {
    return Negotiator.negotiate(accept, SERIALIZERS, EndpointRestrictions.STATUS)
        .map(choice -> choice.mediaType().equals(MediaType.YAML) ? Encoding.YAML : Encoding.JSON);
  }

  /**
   * How to decode a create or update body: no Content-Type means JSON; otherwise the media type, parsed as
   * Go's mime package does (lowercased, parameters such as {@code charset} ignored), must be JSON or YAML.
   *
   * @throws UnsupportedMediaType with upstream's message otherwise (protobuf included: custom resources
   *     cannot be decoded from it)
   */
  public static BodyType body(String contentType) throws UnsupportedMediaType {
    if (contentType == null || contentType.isEmpty()) {
      return BodyType.JSON;
    }
    String mediaType = ContentTypeHeader.mediaType(contentType).orElse("");
    return switch (mediaType) {
      case "application/json" -> BodyType.JSON;
      case "application/yaml" -> BodyType.YAML;
      default -> throw new UnsupportedMediaType(UNSUPPORTED_BODY);
    };
  }

  /**
   * The patch type a PATCH's Content-Type selects. As upstream (patch.go), everything from the first
   * semicolon on is dropped, and the rest must be one of the types exactly (no trimming, no lowercasing).
   *
   * @throws UnsupportedMediaType with upstream's message for anything else, strategic merge patch included
   */
  public static PatchType patch(String contentType) throws UnsupportedMediaType {
    String mediaType = contentType == null ? "" : contentType;
    int semicolon = mediaType.indexOf(';');
    if (semicolon > 0) {
      mediaType = mediaType.substring(0, semicolon);
    }
    for (PatchType type : PatchType.values()) {
      if (type.mediaType().equals(mediaType)) {
        return type;
      }
    }
    throw new UnsupportedMediaType(UNSUPPORTED_PATCH);
  }

  /**
   * Which discovery document answers. At {@code /apis} (aggregated true) the first acceptable clause that
   * asks for APIGroupDiscoveryList of apidiscovery.k8s.io v2 or v2beta1 wins, wherever it stands in the
   * header, as upstream's {@code WrappedHandler} (pkg/endpoints/discovery/aggregated/wrapper.go) decides;
   * otherwise, and on the other discovery paths, the legacy document when a clause accepts plain JSON.
   * This server writes discovery in JSON only; YAML and protobuf clauses are skipped.
   *
   * @throws NotAcceptable with upstream's message when nothing acceptable is served, so that an aggregator
   *     asking only for a version we lack falls back rather than caching another type (kubernetes#119662)
   */
  public static DiscoveryFormat discovery(String accept, boolean aggregated) throws NotAcceptable {
    if (aggregated) {
      Optional<Negotiator.Choice> choice =
          Negotiator.negotiate(accept, SERIALIZERS, EndpointRestrictions.AGGREGATED_DISCOVERY);
      // No header picks the first serializer without conversion: legacy discovery.
      if (choice.isPresent() && choice.get().conversion() != null) {
        return choice.get().conversion().version().equals("v2")
            ? DiscoveryFormat.AGGREGATED_V2 : DiscoveryFormat.AGGREGATED_V2BETA1;
      }
    }
    Negotiator.negotiate(accept, SERIALIZERS, EndpointRestrictions.LEGACY_DISCOVERY)
        .orElseThrow(() -> new NotAcceptable(NOT_ACCEPTABLE));
    return DiscoveryFormat.LEGACY;
  }
}
