package io.milo.crm.apiserver.negotiation;

/**
 * EndpointRestrictions says which Accept clauses an endpoint can answer, as upstream's interface of the same
 * name does (k8s.io/apiserver pkg/endpoints/handlers/negotiation/negotiate.go). A clause an endpoint does not
 * allow is skipped and the next one is tried. A {@code stream} parameter is allowed only as
 * {@code stream=watch} on a serializer that streams, for every endpoint.
 */
interface EndpointRestrictions {
  /** Whether the endpoint answers mediaType converted as asked; conversion is null when none is asked. */
  boolean allowsTransform(MediaType mediaType, Conversion conversion);

  /** Whether the {@code sv} (server version) parameter may have this value. */
  boolean allowsServerVersion(String version);

  /**
   * A custom resource endpoint (k8s.io/apiserver pkg/endpoints/handlers/rest.go,
   * {@code RequestScope.AllowsMediaTypeTransform}, with the CRD handler's standard serializers JSON and
   * YAML): without conversion JSON or YAML; Table (meta.k8s.io v1 or v1beta1) in JSON or YAML;
   * PartialObjectMetadata and PartialObjectMetadataList in any of them; nothing else. {@code sv=v1} only.
   * A watch-list request (sendInitialEvents) skips Table ranges (get.go, watchListEndpointRestrictions).
   */
  static EndpointRestrictions resource(boolean tableAllowed) {
    return new EndpointRestrictions() {
      @Override
      public boolean allowsTransform(MediaType mediaType, Conversion conversion) {
        if (mediaType.equals(MediaType.PROTOBUF)) {
          return false; // never answered here: the next clause is tried
        }
        if (conversion == null) {
          return true;
        }
        if (!conversion.isMeta()) {
          return false;
        }
        return switch (conversion.kind()) {
          case "Table" -> tableAllowed;
          case "PartialObjectMetadata", "PartialObjectMetadataList" -> true;
          default -> false;
        };
      }

      @Override
      public boolean allowsServerVersion(String version) {
        return version.equals("v1");
      }
    };
  }

  /**
   * The legacy discovery documents (upstream's {@code DefaultEndpointRestrictions}): no conversion, no
   * {@code sv}. This server writes discovery in JSON only, so YAML and protobuf clauses are skipped.
   */
  EndpointRestrictions LEGACY_DISCOVERY = new EndpointRestrictions() {
    @Override
    public boolean allowsTransform(MediaType mediaType, Conversion conversion) {
      return conversion == null && mediaType.equals(MediaType.JSON);
    }

    @Override
    public boolean allowsServerVersion(String version) {
      return false;
    }
  };

  /**
   * Aggregated discovery at {@code /apis} (k8s.io/apiserver pkg/endpoints/discovery/aggregated/negotiation.go):
   * only APIGroupDiscoveryList of apidiscovery.k8s.io v2 or v2beta1, here in JSON only.
   */
  EndpointRestrictions AGGREGATED_DISCOVERY = new EndpointRestrictions() {
    @Override
    public boolean allowsTransform(MediaType mediaType, Conversion conversion) {
      return conversion != null && conversion.isAggregatedDiscovery() && mediaType.equals(MediaType.JSON);
    }

    @Override
    public boolean allowsServerVersion(String version) {
      return false;
    }
  };

  /**
   * Errors (upstream's {@code ErrorNegotiated} uses {@code DefaultEndpointRestrictions} over the resource's
   * serializers): JSON or YAML without conversion.
   */
  EndpointRestrictions STATUS = new EndpointRestrictions() {
    @Override
    public boolean allowsTransform(MediaType mediaType, Conversion conversion) {
      return conversion == null && !mediaType.equals(MediaType.PROTOBUF);
    }

    @Override
    public boolean allowsServerVersion(String version) {
      return false;
    }
  };
}
