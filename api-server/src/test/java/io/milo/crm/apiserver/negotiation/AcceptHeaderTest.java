package io.milo.crm.apiserver.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {
  @Test
  void clausesKeepTheirParametersVerbatim() {
    List<MediaRange> ranges = AcceptHeader.parse(ClientHeaders.KUBECTL_GET_TABLE);
    assertThat(ranges).containsExactly(
        new MediaRange("application", "json", 1.0, Map.of("as", "Table", "v", "v1", "g", "meta.k8s.io")),
        new MediaRange("application", "json", 1.0, Map.of("as", "Table", "v", "v1beta1", "g", "meta.k8s.io")),
        new MediaRange("application", "json", 1.0, Map.of()));
  }

  /** Each row: header | the clauses in the order negotiation tries them, as type/subtype;q (q printed as the float it is). */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      // the dynamic client with CBOR allowed: higher q first
      "application/json;q=0.9,application/cbor;q=1|application/cbor;1.0 application/json;0.9",
      // specific before wildcard, whatever the q (goautoneg's comparison)
      "*/*,application/yaml;q=0.1|application/yaml;0.1 */*;1.0",
      "application/*,text/html;q=0.5|text/html;0.5 application/*;1.0",
      // a lone * is */*; malformed clauses are dropped
      "*,application/json|application/json;1.0 */*;1.0",
      "application,a/b/c,application/yaml|application/yaml;1.0",
      // an unparsable q is 0; a q is rounded to a float
      "application/json;q=x,application/yaml|application/yaml;1.0 application/json;0.0",
      "application/json;q=0.3|application/json;0.3",
      // spaces are trimmed, empty clauses skipped
      " application/json ; q=0.5 ,, application/yaml |application/yaml;1.0 application/json;0.5",
  })
  void order(String header, String expected) {
    List<String> clauses = AcceptHeader.parse(header).stream()
        .map(r -> r.type() + "/" + r.subType() + ";" + (float) r.q()).toList();
    assertThat(String.join(" ", clauses)).isEqualTo(expected);
  }

  @Test
  void parametersWithoutValueOrWithTwoEqualsAreDropped() {
    MediaRange range = AcceptHeader.parse("application/json;as;g=a=b;v= v1 ;as=Table").get(0);
    assertThat(range.params()).isEqualTo(Map.of("v", "v1", "as", "Table"));
  }

  @ParameterizedTest
  @CsvSource({"1,1.0", "0,0.0", ".5,0.5", "1e-1," + (double) 0.1f, "inf,Infinity", "-Infinity,-Infinity", "abc,0.0",
      "' 1',0.0", "0x1p-2,0.0"})
  void qualityIsGoParseFloatOf32Bits(String text, double expected) {
    assertThat(AcceptHeader.quality(text)).isEqualTo(expected);
  }
}
