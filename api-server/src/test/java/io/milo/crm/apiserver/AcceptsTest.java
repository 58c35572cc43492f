package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      // no header, or plain JSON: served
      "''|true",
      "application/json|true",
      "*/*|true",
      // kubectl 1.30+ discovery: aggregated first, plain JSON as the fallback
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;q=0.9|true",
      // only aggregated discovery (an aggregator that wants nothing else): refused
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList|false",
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList|false",
      // protobuf alone: refused; protobuf with a JSON fallback: served
      "application/vnd.kubernetes.protobuf|false",
      "application/vnd.kubernetes.protobuf, application/json|true",
  })
  void plainJsonIsAcceptable(String accept, boolean expected) {
    assertThat(Accepts.plainJson(accept)).isEqualTo(expected);
  }
}
