package io.milo.crm.apiserver.negotiation;

import java.util.List;

/**
 * MediaType is one encoding an endpoint of the kube-apiserver lists among its serializers, in the order
 * it lists them: negotiation matches Accept clauses against these, and the 406 and 415 messages name them.
 *
 * @param type e.g. "application"
 * @param subType e.g. "json"
 * @param streams whether the serializer can frame a watch stream (JSON and protobuf can, YAML cannot)
 */
record MediaType(String type, String subType, boolean streams) {
  static final MediaType JSON = new MediaType("application", "json", true);
  static final MediaType YAML = new MediaType("application", "yaml", false);
  static final MediaType PROTOBUF = new MediaType("application", "vnd.kubernetes.protobuf", true);

  /**
   * The serializers of a custom resource endpoint and of every discovery endpoint, in upstream order
   * (k8s.io/apiextensions-apiserver pkg/apiserver/customresource_handler.go, and
   * {@code serializer.NewCodecFactory}); CBOR would follow behind a feature gate that 1.33 leaves off.
   * Protobuf is listed, as upstream lists it in its messages, but this server never answers it.
   */
  static final List<MediaType> SERVED_BY_KUBERNETES = List.of(JSON, YAML, PROTOBUF);

  String name() {
    return type + "/" + subType;
  }
}
