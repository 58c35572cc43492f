package io.milo.crm.apiserver.negotiation;

import static io.milo.crm.apiserver.negotiation.ClientHeaders.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NegotiationDiscoveryTest {
  private static final String V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  /** Each row: Accept | answer at /apis | answer at /apis/<g> and /apis/<g>/<v> (406 = Not Acceptable). */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      // client-go discovery: aggregated first, legacy JSON elsewhere
      DISCOVERY_1_27 + "|AGGREGATED_V2BETA1|LEGACY",
      DISCOVERY_1_30 + "|AGGREGATED_V2|LEGACY",
      // kube-aggregator: aggregated only, so a 406 where there is none, never a 200 of another type
      AGGREGATOR_1_27 + "|AGGREGATED_V2BETA1|406",
      AGGREGATOR_1_30 + "|AGGREGATED_V2|406",
      AGGREGATOR_LEGACY + "|LEGACY|LEGACY",
      // upstream's wrapper takes an aggregated clause wherever it stands
      "application/json," + V2 + "|AGGREGATED_V2|LEGACY",
      // no header and wildcards are legacy JSON
      "NULL|LEGACY|LEGACY",
      "''|LEGACY|LEGACY",
      "*/*|LEGACY|LEGACY",
      "*|LEGACY|LEGACY",
      "application/*|LEGACY|LEGACY",
      // protobuf and YAML are skipped: discovery is written in JSON only
      "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + V2
          + "|AGGREGATED_V2|406",
      "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList|406|406",
      "application/vnd.kubernetes.protobuf, application/json|LEGACY|LEGACY",
      "application/vnd.kubernetes.protobuf|406|406",
      "application/yaml|406|406",
      // a wrong kind, group or version is no aggregated discovery, and no plain JSON either
      "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList|406|406",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscovery|406|406",
      "application/json;g=meta.k8s.io;v=v1|406|406",
      // streams other than watch
      "application/json;stream=other|406|406",
      "application/json;stream=watch|LEGACY|LEGACY",
  })
  void discoveryFormat(String accept, String atRoot, String atGroup) {
    assertThat(format(accept, true)).isEqualTo(atRoot);
    assertThat(format(accept, false)).isEqualTo(atGroup);
  }

  @org.junit.jupiter.api.Test
  void theRefusalNamesUpstreamsDiscoverySerializers() {
    assertThatThrownBy(() -> Negotiation.discovery(AGGREGATOR_1_27, false))
        .isInstanceOf(NotAcceptable.class)
        .hasMessage("only the following media types are accepted: "
            + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
  }

  private static String format(String accept, boolean root) {
    try {
      return Negotiation.discovery(accept, root).name();
    } catch (NotAcceptable e) {
      return String.valueOf(e.code());
    }
  }
}
