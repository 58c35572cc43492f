package io.milo.crm.apiserver.negotiation;

/**
 * ClientHeaders are the Accept and Content-Type headers real clients send, copied from their sources at the
 * releases named (tags of the kubernetes staging repositories and of kubernetes-client/java).
 */
final class ClientHeaders {
  private ClientHeaders() {}

  /**
   * kubectl get with a human-readable printer, 1.27.0 to 1.33.0: k8s.io/kubectl pkg/cmd/get/get.go,
   * {@code GetOptions.transformRequests}; also {@code kubectl get -w}.
   */
  static final String KUBECTL_GET_TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  /**
   * kubectl get -o yaml (and every builder request for unstructured objects), 1.27.0 to 1.33.0:
   * k8s.io/cli-runtime pkg/resource/scheme.go, {@code UnstructuredPlusDefaultContentConfig}; kubectl turns
   * the JSON into YAML itself.
   */
  static final String KUBECTL_UNSTRUCTURED = "application/json";

  /**
   * client-go metadata client list, 1.27.0 to 1.33.0 (metadata informers list with it; so do the garbage
   * collector, quota and namespace controllers): k8s.io/client-go metadata/metadata.go, {@code client.list}.
   */
  static final String METADATA_LIST =
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
          + "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

  /**
   * client-go metadata client get, watch, watchList and patch, 1.27.0 to 1.33.0: metadata/metadata.go
   * ({@code Get}, {@code Watch}, {@code Patch}). A watch asks for the single form: each event carries one
   * PartialObjectMetadata.
   */
  static final String METADATA_OBJECT =
      "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,"
          + "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  /** client-go dynamic client, 1.27.0 to 1.33.0: dynamic/simple.go, {@code ConfigFor}. */
  static final String DYNAMIC = "application/json";

  /** client-go dynamic client 1.32+ with the ClientsAllowCBOR gate: dynamic/simple.go, {@code ConfigFor}. */
  static final String DYNAMIC_CBOR = "application/json;q=0.9,application/cbor;q=1";

  /** client-go rest client with a ContentType and no AcceptContentTypes: rest/request.go, {@code setAcceptHeader}. */
  static final String REST_JSON_DEFAULT = "application/json, */*";

  /** client-go 1.33 {@code Request.UseProtobufAsDefault}: rest/request.go. */
  static final String REST_PROTOBUF_DEFAULT = "application/vnd.kubernetes.protobuf,application/json";

  /**
   * kubernetes-client/java (CustomObjectsApi, generic clients, watches): ApiClient.selectHeaderAccept picks
   * the first JSON type of {"application/json", "application/json;stream=watch"} or {"application/json",
   * "application/yaml", "application/vnd.kubernetes.protobuf"}.
   */
  static final String CLIENT_JAVA = "application/json";

  /** client-java's bodies: OkHttp adds a charset to the generated "application/json". */
  static final String CLIENT_JAVA_BODY = "application/json; charset=utf-8";

  /** client-go discovery 1.27.0 to 1.29.x: discovery/discovery_client.go, {@code acceptDiscoveryFormats}. */
  static final String DISCOVERY_1_27 =
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  /** client-go discovery 1.30.0 to 1.33.0: discovery/discovery_client.go, {@code acceptDiscoveryFormats}. */
  static final String DISCOVERY_1_30 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  /**
   * kube-aggregator 1.27 to 1.29 fetching an aggregated server's /apis: k8s.io/kube-aggregator
   * pkg/apiserver/handler_discovery.go ({@code discovery.AcceptV2Beta1}; 1.27.0 and 1.28.0 spell it out).
   * 1.27.0 to 1.27.5 and 1.28.0 to 1.28.1 take any 200 as v2beta1 (kubernetes#119662).
   */
  static final String AGGREGATOR_1_27 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  /** kube-aggregator 1.30.0 to 1.33.0: handler_discovery.go, {@code AcceptV2 + "," + AcceptV2Beta1}. */
  static final String AGGREGATOR_1_30 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  /** kube-aggregator's legacy fallback after a 406: handler_discovery.go. */
  static final String AGGREGATOR_LEGACY = "application/json";

  /**
   * The garbage collector's patches of an owner's dependents, 1.27 to 1.33: strategic merge patch first,
   * merge patch after a 415 (kubernetes pkg/controller/garbagecollector/patch.go, {@code patch}); client-go
   * sends the patch type as Content-Type.
   */
  static final String GC_STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  static final String GC_MERGE_PATCH = "application/merge-patch+json";
}
