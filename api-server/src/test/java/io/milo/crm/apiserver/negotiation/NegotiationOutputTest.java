package io.milo.crm.apiserver.negotiation;

import static io.milo.crm.apiserver.negotiation.ClientHeaders.*;
import static io.milo.crm.apiserver.negotiation.Representation.*;
import static io.milo.crm.apiserver.negotiation.Target.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NegotiationOutputTest {
  private static final String JSON = "application/json";
  private static final String YAML = "application/yaml";

  static Stream<Arguments> served() {
    return Stream.of(
        // kubectl get: Table v1 for lists, single objects and watches (kubectl get -w)
        serves(KUBECTL_GET_TABLE, LIST, TABLE, "v1", JSON),
        serves(KUBECTL_GET_TABLE, OBJECT, TABLE, "v1", JSON),
        serves(KUBECTL_GET_TABLE, WATCH, TABLE, "v1", JSON),
        // a WatchList request skips Table clauses and falls to plain JSON
        serves(KUBECTL_GET_TABLE, WATCH_LIST, RESOURCE, null, JSON),
        // kubectl -o yaml asks for JSON
        serves(KUBECTL_UNSTRUCTURED, OBJECT, RESOURCE, null, JSON),
        // metadata informers: the list form for lists, the single form for gets and watch events;
        // the protobuf clause first is skipped
        serves(METADATA_LIST, LIST, PARTIAL_OBJECT_METADATA_LIST, "v1", JSON),
        serves(METADATA_OBJECT, OBJECT, PARTIAL_OBJECT_METADATA, "v1", JSON),
        serves(METADATA_OBJECT, WATCH, PARTIAL_OBJECT_METADATA, "v1", JSON),
        serves(METADATA_OBJECT, WATCH_LIST, PARTIAL_OBJECT_METADATA, "v1", JSON),
        // dynamic, typed and Java clients: plain JSON; CBOR (q=1, sorted first) is not served
        serves(DYNAMIC, LIST, RESOURCE, null, JSON),
        serves(DYNAMIC_CBOR, LIST, RESOURCE, null, JSON),
        serves(REST_JSON_DEFAULT, WATCH, RESOURCE, null, JSON),
        serves(REST_PROTOBUF_DEFAULT, OBJECT, RESOURCE, null, JSON),
        serves(CLIENT_JAVA, WATCH, RESOURCE, null, JSON),
        // no header, wildcards
        serves(null, OBJECT, RESOURCE, null, JSON),
        serves("", LIST, RESOURCE, null, JSON),
        serves("*/*", WATCH, RESOURCE, null, JSON),
        serves("*", OBJECT, RESOURCE, null, JSON),
        serves("application/*", OBJECT, RESOURCE, null, JSON),
        serves("application/*;as=Table;g=meta.k8s.io;v=v1", LIST, TABLE, "v1", JSON),
        // YAML on request, Table in YAML too (upstream allows both)
        serves("application/yaml", OBJECT, RESOURCE, null, YAML),
        serves("application/yaml;as=Table;g=meta.k8s.io;v=v1beta1", LIST, TABLE, "v1beta1", YAML),
        serves("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1", OBJECT,
            PARTIAL_OBJECT_METADATA, "v1beta1", JSON),
        // a metadata watch asked with the list form streams PartialObjectMetadata events
        serves(METADATA_LIST, WATCH, PARTIAL_OBJECT_METADATA_LIST, "v1", JSON),
        // unknown conversions are skipped, not refused
        serves("application/json;as=Table;g=meta.k8s.io;v=v2,application/yaml", LIST, RESOURCE, null, YAML),
        serves("application/json;as=Table,application/json", LIST, RESOURCE, null, JSON),
        serves("application/json;as=Pod;g=meta.k8s.io;v=v1,application/json", LIST, RESOURCE, null, JSON),
        serves("application/json;g=meta.k8s.io;v=v1,application/json", LIST, RESOURCE, null, JSON),
        // stream=watch only on a streaming serializer; sv only v1
        serves("application/json;stream=watch", WATCH, RESOURCE, null, JSON),
        serves("application/yaml;stream=watch,application/json", LIST, RESOURCE, null, JSON),
        serves("application/json;sv=v2,application/json;sv=v1", OBJECT, RESOURCE, null, JSON),
        // q orders the clauses; q=0 is still acceptable (goautoneg does not drop it)
        serves("application/yaml;q=0.5,application/json", OBJECT, RESOURCE, null, JSON),
        serves("application/json;q=0.1,application/yaml", OBJECT, RESOURCE, null, YAML),
        serves("application/yaml;q=0", OBJECT, RESOURCE, null, YAML),
        // goautoneg puts a less general clause first whatever the q values
        serves("*/*;q=1,application/yaml;q=0.1", OBJECT, RESOURCE, null, YAML),
        // type and subtype are compared as sent
        serves("Application/JSON,application/yaml", OBJECT, RESOURCE, null, YAML));
  }

  @ParameterizedTest(name = "[{index}] {1} {0}")
  @MethodSource
  void served(String accept, Target target, Representation representation, String version, String contentType)
      throws Exception {
    Negotiated negotiated = Negotiation.output(accept, target);
    assertThat(negotiated.representation()).isEqualTo(representation);
    assertThat(negotiated.version()).isEqualTo(version);
    assertThat(negotiated.contentType()).isEqualTo(contentType);
    assertThat(negotiated.encoding().contentType()).isEqualTo(contentType);
    assertThat(negotiated.pretty()).isFalse();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        // the metadata client's get header on a list, its list header on a get
        refuses(METADATA_OBJECT, LIST, Negotiation.OBJECT_IS_A_LIST),
        refuses(METADATA_LIST, OBJECT, Negotiation.OBJECT_IS_NOT_A_LIST),
        // only what we do not serve
        refuses("application/vnd.kubernetes.protobuf", OBJECT, Negotiation.NOT_ACCEPTABLE),
        refuses("application/cbor", LIST, Negotiation.NOT_ACCEPTABLE),
        refuses("text/html", OBJECT, Negotiation.NOT_ACCEPTABLE),
        refuses("application/json;as=Table;g=meta.k8s.io;v=v2", LIST, Negotiation.NOT_ACCEPTABLE),
        refuses("application/vnd.kubernetes.protobuf;as=Table;g=meta.k8s.io;v=v1", LIST, Negotiation.NOT_ACCEPTABLE),
        refuses("application/json;stream=other", OBJECT, Negotiation.NOT_ACCEPTABLE),
        refuses("application/json;sv=v2", OBJECT, Negotiation.NOT_ACCEPTABLE),
        refuses("application/json;as=Table;g=meta.k8s.io;v=v1", WATCH_LIST, Negotiation.NOT_ACCEPTABLE),
        // a clause missing its subtype is dropped
        refuses("application", OBJECT, Negotiation.NOT_ACCEPTABLE),
        // a watch needs an encoding that streams; the stream is negotiated again without the WatchList
        // restriction, so a YAML Table clause first fails a WatchList that the first pass served as JSON
        refuses("application/yaml", WATCH, Negotiation.NOT_ACCEPTABLE_STREAM),
        refuses("application/yaml,application/json", WATCH, Negotiation.NOT_ACCEPTABLE_STREAM),
        refuses("application/yaml;as=Table;g=meta.k8s.io;v=v1,application/json", WATCH_LIST,
            Negotiation.NOT_ACCEPTABLE_STREAM));
  }

  @ParameterizedTest(name = "[{index}] {1} {0}")
  @MethodSource
  void refused(String accept, Target target, String message) {
    assertThatThrownBy(() -> Negotiation.output(accept, target))
        .isInstanceOfSatisfying(NotAcceptable.class, e -> {
          assertThat(e.code()).isEqualTo(406);
          assertThat(e.reason()).isEqualTo("NotAcceptable");
        })
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void upstreamMessagesNameEverySerializerOfACustomResource() {
    // errors.go NewNotAcceptableError over the CRD handler's serializers, and the stream serializers
    assertThat(Negotiation.NOT_ACCEPTABLE).isEqualTo("only the following media types are accepted: "
        + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
    assertThat(Negotiation.NOT_ACCEPTABLE_STREAM).isEqualTo("only the following media types are accepted: "
        + "application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch");
  }

  @org.junit.jupiter.api.Test
  void prettyComesFromTheChosenClause() throws Exception {
    assertThat(Negotiation.output("application/json;pretty=1", OBJECT).pretty()).isTrue();
    assertThat(Negotiation.output("application/json;pretty=0", OBJECT).pretty()).isFalse();
  }

  private static Arguments serves(String accept, Target target, Representation representation, String version,
      String contentType) {
    return Arguments.of(accept, target, representation, version, contentType);
  }

  private static Arguments refuses(String accept, Target target, String message) {
    return Arguments.of(accept, target, message);
  }
}
