package io.milo.crm.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSONPath parsing and evaluation, against what client-go's util/jsonpath selects for the same input. */
class JsonPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBJECT = """
      {"metadata": {"name": "acme", "labels": {"crm.milo.io/source": "referral", "app": "crm"}},
       "spec": {"domains": ["acme.com", "acme.io", "acme.dev"], "count": 3, "ratio": 1.5, "followUp": true,
                "nothing": null, "nested": {"a": {"b": "deep"}}},
       "status": {"conditions": [
         {"type": "Ready", "status": "True", "observedGeneration": 2},
         {"type": "Update", "status": "False", "observedGeneration": 1},
         {"type": "Delete", "observedGeneration": 1},
         {"status": "Unknown"}]}}
      """;

  static Stream<Arguments> selections() {
    return Stream.of(
        // a plain field
        Arguments.of(".metadata.name", List.of("\"acme\"")),
        // a label key with escaped dots is one key
        Arguments.of(".metadata.labels.crm\\.milo\\.io/source", List.of("\"referral\"")),
        // without the escapes the dots split the key: nothing is found
        Arguments.of(".metadata.labels.crm.milo.io/source", List.of()),
        // a missing key is no result, not an error (AllowMissingKeys)
        Arguments.of(".spec.missing.deeper", List.of()),
        // an explicit null is a result
        Arguments.of(".spec.nothing", List.of("null")),
        // a list selected whole is one result
        Arguments.of(".spec.domains", List.of("[\"acme.com\",\"acme.io\",\"acme.dev\"]")),
        // index, negative index, slice, step, wildcard
        Arguments.of(".spec.domains[0]", List.of("\"acme.com\"")),
        Arguments.of(".spec.domains[-1]", List.of("\"acme.dev\"")),
        Arguments.of(".spec.domains[0:2]", List.of("\"acme.com\"", "\"acme.io\"")),
        Arguments.of(".spec.domains[::2]", List.of("\"acme.com\"", "\"acme.dev\"")),
        Arguments.of(".spec.domains[*]", List.of("\"acme.com\"", "\"acme.io\"", "\"acme.dev\"")),
        // a filter on a string field; elements without the key are skipped
        Arguments.of(".status.conditions[?(@.type==\"Ready\")].status", List.of("\"True\"")),
        Arguments.of(".status.conditions[?(@.type=='Update')].status", List.of("\"False\"")),
        Arguments.of(".status.conditions[?(@.type!=\"Ready\")].type", List.of("\"Update\"", "\"Delete\"")),
        // a filter that matches an element without the selected field
        Arguments.of(".status.conditions[?(@.type==\"Delete\")].status", List.of()),
        // integer comparisons
        Arguments.of(".status.conditions[?(@.observedGeneration>1)].type", List.of("\"Ready\"")),
        Arguments.of(".status.conditions[?(@.observedGeneration<=1)].type", List.of("\"Update\"", "\"Delete\"")),
        // an existence filter
        Arguments.of(".status.conditions[?(@.status)].status", List.of("\"True\"", "\"False\"", "\"Unknown\"")),
        // dict-key brackets, and a union
        Arguments.of(".metadata['name']", List.of("\"acme\"")),
        Arguments.of(".metadata['name','missing']", List.of("\"acme\"")),
        Arguments.of(".spec.domains[0,2]", List.of("\"acme.com\"", "\"acme.dev\"")),
        // recursive descent
        Arguments.of("..b", List.of("\"deep\"")),
        // wildcard over an object's values
        Arguments.of(".metadata.labels.*", List.of("\"referral\"", "\"crm\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void selects(String path, List<String> expected) throws JsonProcessingException {
    List<JsonNode> results = JsonPath.parse(path).evaluate(JSON.readTree(OBJECT));

    assertThat(results).map(JsonNode::toString).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(".spec.domains[5]", "array index out of bounds: index 5, length 3"),
        Arguments.of(".spec.domains[2:1]", "starting index 2 is greater than ending index 1"),
        Arguments.of(".spec.domains[0:3:0]", "step must be > 0"),
        Arguments.of(".spec.count[0]", "int64 is not array or slice"),
        Arguments.of(".spec.nested[?(@.a)]", "map[string]interface {} is not array or slice and cannot be filtered"),
        // Go compares only values of one kind
        Arguments.of(".status.conditions[?(@.observedGeneration==\"2\")].type", "incompatible types for comparison"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsOnTheObjectAsUpstreamDoes(String path, String message) throws JsonProcessingException {
    JsonNode object = JSON.readTree(OBJECT);
    JsonPath parsed = JsonPath.parse(path);

    assertThatThrownBy(() -> parsed.evaluate(object)).isInstanceOf(JsonPathException.class).hasMessage(message);
  }

  static Stream<Arguments> unparsable() {
    return Stream.of(
        Arguments.of(".spec.domains[", "unterminated array"),
        Arguments.of(".spec.domains[a]", "invalid array index a"),
        Arguments.of(".status.conditions[?(@.type==\"Ready\"", "unterminated filter"),
        Arguments.of(".status.conditions[?(@.type==\"Ready\")", "unclosed array expect ]"),
        Arguments.of(".spec[?(@.x==\"a)]", "unterminated filter"),
        Arguments.of("....spec", "invalid multiple recursive descent"),
        Arguments.of(".spec.name ^", "unrecognized character in action: U+005E '^'"),
        Arguments.of(".spec.name}{.spec.x", "a printer column path is a single action; unexpected } at 10"),
        Arguments.of("range .items", "unrecognized identifier range"),
        Arguments.of(".spec[?(@.x==\"\\q\")]", "unquote string \"\\q\" error invalid syntax"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparsable")
  void refusesWhatDoesNotParse(String path, String message) {
    assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(JsonPathException.class).hasMessage(message);
  }

  static Stream<Arguments> declaredColumns() {
    return Kinds.all().stream().flatMap(kind -> kind.printerColumns().stream()
        .filter(column -> !column.isResolved())
        .map(column -> Arguments.of(kind.kind() + " " + column.name(), kind, column)));
  }

  /** The build-time check: the kube-apiserver refuses a CRD whose column path does not parse. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("declaredColumns")
  void everyDeclaredColumnParses(String name, KindDeclaration kind, PrinterColumn column) {
    JsonPath path = JsonPath.parse(column.jsonPath());

    assertThat(path.path()).isEqualTo(column.jsonPath());
    assertThat(path.evaluate(JSON.createObjectNode())).as("%s on an empty object", name).isEmpty();
  }
}
