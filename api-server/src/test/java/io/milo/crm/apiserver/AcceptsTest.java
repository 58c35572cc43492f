package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // no header, plain JSON, or a wildcard: served
      "''|true",
      "application/json|true",
      "*/*|true",
      "*|true",
      "application/*|true",
      // client-go 1.33's discovery Accept: aggregated v2, v2beta1, then plain JSON
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json|true",
      // client-go 1.27's: aggregated v2beta1, then plain JSON
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json|true",
      // the aggregator's: aggregated only, so a 406 rather than a document of another type
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
          + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList|false",
      // a conversion asked for by group or version alone is still a conversion
      "application/json;g=meta.k8s.io;v=v1|false",
      // a stream other than a watch is not plain JSON
      "application/json;stream=other|false",
      "application/json;stream=watch|true",
      // protobuf alone: refused; protobuf with a JSON fallback: served
      "application/vnd.kubernetes.protobuf|false",
      "application/vnd.kubernetes.protobuf, application/json|true",
  })
  void plainJsonIsAcceptable(String accept, boolean expected) {
    assertThat(Accepts.plainJson(accept)).isEqualTo(expected);
  }
}
