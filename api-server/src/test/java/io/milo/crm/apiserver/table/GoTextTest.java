package io.milo.crm.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What Go's fmt and encoding/json print, for the values a string column can select. */
class GoTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> printed() {
    return Stream.of(
        // scalars: fmt.Fprint
        Arguments.of("\"plain text\"", "plain text"),
        Arguments.of("true", "true"),
        Arguments.of("42", "42"),
        Arguments.of("-7", "-7"),
        Arguments.of("1.5", "1.5"),
        Arguments.of("1000000.0", "1e+06"),
        Arguments.of("123456.0", "123456"),
        Arguments.of("0.0001", "0.0001"),
        Arguments.of("0.00001", "1e-05"),
        Arguments.of("null", "<no value>"),
        // lists and objects: json.Marshal, compact, keys sorted, HTML escaped
        Arguments.of("[\"acme.com\", \"acme.io\"]", "[\"acme.com\",\"acme.io\"]"),
        Arguments.of("{\"b\": 1, \"a\": [true, null, 2.5]}", "{\"a\":[true,null,2.5],\"b\":1}"),
        Arguments.of("[\"<a&b>\", \"tab\\there\"]", "[\"\\u003ca\\u0026b\\u003e\",\"tab\\there\"]"),
        Arguments.of("[1.0, 1e21, 0.0000001]", "[1,1e+21,1e-7]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printed")
  void printsAsGo(String json, String expected) throws JsonProcessingException {
    assertThat(GoText.print(JSON.readTree(json))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "x|\"x\"",
      "say \"hi\"|\"say \\\"hi\\\"\"",
      "back\\slash|\"back\\\\slash\"",
      "é|\"é\""})
  void quotesAsStrconv(String raw, String quoted) {
    assertThat(GoText.quote(raw)).isEqualTo(quoted);
  }
}
