package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.milo.crm.apiserver.kinds.Kinds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protobuf form of {@code /openapi/v2}, decoded with a generic protobuf reader and read with the
 * field numbers of gnostic's OpenAPIv2.proto, the way kubectl 1.27 reads it: the paths, the PATCH
 * operation kubectl's query parameter verifier looks for, and every definition against the JSON form.
 */
class GnosticV2EncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final OpenApiDocuments DOCUMENTS =
      OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES);
  private static final JsonNode SWAGGER = json(DOCUMENTS.v2("application/json", null).body());
  private static final DecodedMessage DOCUMENT = DecodedMessage.parse(
      DOCUMENTS.v2(OpenApiDocuments.V2_PROTOBUF_DEPRECATED, null).body());
  private static final String PERSON = "/apis/crm.milo.io/v1alpha1/people/{name}";
  /** PathItem's operation fields. */
  private static final Map<String, Integer> OPERATIONS = Map.of("get", 2, "put", 3, "post", 4, "delete", 5, "patch", 8);

  @Test
  void theDocumentHeadsAsInJson() {
    assertThat(DOCUMENT.string(1)).isEqualTo("2.0");
    DecodedMessage info = DOCUMENT.message(2);
    assertThat(info.string(1)).isEqualTo(SWAGGER.path("info").path("title").asText());
    assertThat(info.string(2)).isEqualTo(SWAGGER.path("info").path("version").asText());
    assertThat(DOCUMENT.fieldNumbers()).containsExactly(1, 2, 8, 9);
  }

  /** What kubectl 1.27's {@code supportsQueryParam} does to decide it may send fieldValidation. */
  @Test
  void thePatchOperationOfAKindNamesItsKindAndTakesFieldValidation() throws IOException {
    DecodedMessage patch = DOCUMENT.message(8).named(2).get(PERSON).message(8);
    Map<String, DecodedMessage> extensions = patch.named(13);
    assertThat(extensions.get("x-kubernetes-group-version-kind").string(2))
        .isEqualTo("group: crm.milo.io\nversion: v1alpha1\nkind: Person\n");
    assertThat(YAML.readTree(extensions.get("x-kubernetes-action").string(2)).asText()).isEqualTo("patch");

    List<String> queryParameters = new ArrayList<>();
    for (DecodedMessage item : patch.messages(8)) {
      DecodedMessage parameter = item.message(1);
      if (parameter.has(2)) {
        DecodedMessage query = parameter.message(2).message(3); // NonBodyParameter.query_parameter_sub_schema
        assertThat(query.string(2)).isEqualTo("query");
        assertThat(query.string(6)).isEqualTo(query.string(4).equals("force") ? "boolean" : "string");
        assertThat(query.varint(20)).as("uniqueItems").isEqualTo(1);
        queryParameters.add(query.string(4));
      } else {
        DecodedMessage body = parameter.message(1);
        assertThat(body.string(2)).isEqualTo("body");
        assertThat(body.varint(4)).as("required").isEqualTo(1);
        assertThat(body.message(5).string(1)).isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
      }
    }
    assertThat(queryParameters).contains("fieldValidation", "dryRun", "fieldManager");
    assertThat(patch.strings(7)).containsExactly(OpenApiDocuments.JSON_PATCH, OpenApiDocuments.MERGE_PATCH);
  }

  @Test
  void pathParametersAreThePathSubSchemaAndRequired() {
    DecodedMessage item = DOCUMENT.message(8).named(2).get(PERSON);
    DecodedMessage name = item.messages(9).get(0).message(1).message(2).message(4);
    assertThat(name.string(4)).isEqualTo("name");
    assertThat(name.string(2)).isEqualTo("path");
    assertThat(name.varint(1)).as("required").isEqualTo(1);
  }

  @Test
  void everyPathAndOperationIsTheJsonOne() throws IOException {
    Map<String, DecodedMessage> paths = DOCUMENT.message(8).named(2);
    assertThat(paths.keySet()).containsExactlyElementsOf(keys(SWAGGER.path("paths")));
    for (Map.Entry<String, DecodedMessage> path : paths.entrySet()) {
      JsonNode json = SWAGGER.path("paths").path(path.getKey());
      for (String key : keys(json)) {
        if (key.equals("parameters")) {
          assertThat(path.getValue().messages(9)).hasSize(json.path(key).size());
          continue;
        }
        assertThat(OPERATIONS).containsKey(key);
        assertOperation(json.path(key), path.getValue().message(OPERATIONS.get(key)), path.getKey() + " " + key);
      }
    }
  }

  @Test
  void everyDefinitionIsTheJsonOne() throws IOException {
    Map<String, DecodedMessage> definitions = DOCUMENT.message(9).named(1);
    assertThat(definitions.keySet()).containsExactlyElementsOf(keys(SWAGGER.path("definitions")));
    for (Map.Entry<String, DecodedMessage> definition : definitions.entrySet()) {
      assertSchema(SWAGGER.path("definitions").path(definition.getKey()), definition.getValue(), definition.getKey());
    }
  }

  @Test
  void aKindsDefinitionListsItsGroupVersionKindAsAYamlSequence() {
    DecodedMessage person = DOCUMENT.message(9).named(1).get("io.milo.crm.v1alpha1.Person");
    assertThat(person.named(31).get("x-kubernetes-group-version-kind").string(2))
        .isEqualTo("-   group: crm.milo.io\n    kind: Person\n    version: v1alpha1\n");
    assertThat(person.message(22).strings(1)).containsExactly("object");
    assertThat(person.message(25).named(1)).containsKeys("apiVersion", "kind", "metadata", "spec");
  }

  /** Table: documents gnostic's compiler refuses, and the refusal. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("{\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{}}",
            "ERROR $root is missing required property: swagger"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{},\"servers\":[]}",
            "ERROR $root has invalid property: servers"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{\"apis\":{}}}",
            "ERROR $root.paths has invalid property: apis"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{},"
                + "\"definitions\":{\"A\":{\"nullable\":true}}}",
            "ERROR $root.definitions.A has invalid property: nullable"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{},"
                + "\"definitions\":{\"A\":{\"maxLength\":\"5\"}}}",
            "ERROR $root.definitions.A.maxLength has unexpected value: \"5\" (expected an integer)"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{},\"parameters\":[{\"in\":\"cookie\",\"name\":\"c\",\"type\":\"string\"}]}}}}",
            "ERROR $root.paths./a.get.parameters[0] contains an invalid NonBodyParameter: in cookie"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{},\"parameters\":[{\"in\":\"path\",\"name\":\"p\",\"type\":\"string\"}]}}}}",
            "ERROR $root.paths./a.get.parameters[0] is missing required property: required"),
        Arguments.of("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},\"paths\":{\"/a\":{\"get\":"
                + "{\"responses\":{\"2xx\":{\"description\":\"d\"}}}}}}",
            "ERROR $root.paths./a.get.responses has invalid property: 2xx"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void refusesWhatGnosticRefuses(String document, String message) {
    assertThatThrownBy(() -> GnosticV2Encoder.encode(json(document.getBytes())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void oneofsAndEmptyMessagesAreWrittenAsGoWritesThem() {
    ObjectNode document = (ObjectNode) json(("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v\"},"
        + "\"paths\":{},\"definitions\":{\"Closed\":{\"type\":\"object\",\"properties\":{},"
        + "\"additionalProperties\":false},\"Tuple\":{\"type\":[\"string\",\"null\"],\"minimum\":-1.5,"
        + "\"default\":\"true\",\"enum\":[\"a\",1]}}}").getBytes());
    Map<String, DecodedMessage> definitions = DecodedMessage.parse(GnosticV2Encoder.encode(document)).message(9).named(1);
    DecodedMessage closed = definitions.get("Closed");
    assertThat(closed.has(25)).as("an empty properties message is present").isTrue();
    assertThat(closed.message(25).fieldNumbers()).isEmpty();
    DecodedMessage additional = closed.message(21);
    assertThat(additional.has(2)).as("a false oneof bool is written").isTrue();
    assertThat(additional.varint(2)).isZero();
    DecodedMessage tuple = definitions.get("Tuple");
    assertThat(tuple.message(22).strings(1)).containsExactly("string", "null");
    assertThat(tuple.float64(9)).isEqualTo(-1.5);
    assertThat(tuple.message(5).string(2)).isEqualTo("\"true\"\n");
    assertThat(tuple.messages(20)).extracting(any -> any.string(2)).containsExactly("a\n", "1\n");
  }

  private static void assertOperation(JsonNode json, DecodedMessage operation, String where) throws IOException {
    assertThat(operation.strings(1)).as(where + " tags").containsExactlyElementsOf(texts(json.path("tags")));
    assertThat(operation.string(3)).as(where + " description").isEqualTo(json.path("description").asText());
    assertThat(operation.string(5)).as(where + " operationId").isEqualTo(json.path("operationId").asText());
    assertThat(operation.strings(6)).as(where + " produces").containsExactlyElementsOf(texts(json.path("produces")));
    assertThat(operation.strings(7)).as(where + " consumes").containsExactlyElementsOf(texts(json.path("consumes")));
    assertThat(operation.strings(10)).as(where + " schemes").containsExactlyElementsOf(texts(json.path("schemes")));
    List<String> names = new ArrayList<>();
    for (DecodedMessage item : operation.messages(8)) {
      DecodedMessage parameter = item.message(1);
      names.add(parameter.has(1) ? parameter.message(1).string(2) : parameter.message(2).message(3).string(4));
    }
    List<String> jsonNames = new ArrayList<>();
    json.path("parameters").forEach(parameter -> jsonNames.add(parameter.path("name").asText()));
    assertThat(names).as(where + " parameters").containsExactlyElementsOf(jsonNames);
    Map<String, DecodedMessage> responses = operation.message(9).named(1);
    assertThat(responses.keySet()).as(where + " responses").containsExactlyElementsOf(keys(json.path("responses")));
    responses.forEach((code, value) -> {
      DecodedMessage response = value.message(1);
      JsonNode jsonResponse = json.path("responses").path(code);
      assertThat(response.string(1)).isEqualTo(jsonResponse.path("description").asText());
      assertThat(response.has(2) ? response.message(2).message(1).string(1) : "")
          .isEqualTo(jsonResponse.path("schema").path("$ref").asText(""));
    });
    assertExtensions(json, operation.named(13), where);
  }

  /** Every key of a JSON schema against the Schema message, recursively. */
  private static void assertSchema(JsonNode json, DecodedMessage schema, String where) throws IOException {
    Set<String> checked = Set.of("$ref", "format", "title", "description", "default", "maximum", "minimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "required", "enum",
        "additionalProperties", "type", "items", "allOf", "properties");
    for (String key : keys(json)) {
      assertThat(key.startsWith("x-") || checked.contains(key)).as(where + " has unchecked key " + key).isTrue();
    }
    assertThat(schema.string(1)).as(where + " $ref").isEqualTo(json.path("$ref").asText(""));
    assertThat(schema.string(2)).as(where + " format").isEqualTo(json.path("format").asText(""));
    assertThat(schema.string(3)).as(where + " title").isEqualTo(json.path("title").asText(""));
    assertThat(schema.string(4)).as(where + " description").isEqualTo(json.path("description").asText(""));
    assertThat(schema.float64(7)).as(where + " maximum").isEqualTo(json.path("maximum").asDouble(0));
    assertThat(schema.float64(9)).as(where + " minimum").isEqualTo(json.path("minimum").asDouble(0));
    assertThat(schema.varint(11)).as(where + " maxLength").isEqualTo(json.path("maxLength").asLong(0));
    assertThat(schema.varint(12)).as(where + " minLength").isEqualTo(json.path("minLength").asLong(0));
    assertThat(schema.string(13)).as(where + " pattern").isEqualTo(json.path("pattern").asText(""));
    assertThat(schema.varint(14)).as(where + " maxItems").isEqualTo(json.path("maxItems").asLong(0));
    assertThat(schema.varint(15)).as(where + " minItems").isEqualTo(json.path("minItems").asLong(0));
    assertThat(schema.varint(16) == 1).as(where + " uniqueItems").isEqualTo(json.path("uniqueItems").asBoolean(false));
    assertThat(schema.strings(19)).as(where + " required").containsExactlyElementsOf(texts(json.path("required")));
    if (json.has("default")) {
      assertThat(YAML.readTree(schema.message(5).string(2))).as(where + " default").isEqualTo(json.get("default"));
    }
    List<JsonNode> enumValues = new ArrayList<>();
    for (DecodedMessage any : schema.messages(20)) {
      enumValues.add(YAML.readTree(any.string(2)));
    }
    List<JsonNode> jsonEnum = new ArrayList<>();
    json.path("enum").forEach(jsonEnum::add);
    assertThat(enumValues).as(where + " enum").isEqualTo(jsonEnum);
    assertThat(schema.has(22) ? schema.message(22).strings(1) : List.of()).as(where + " type")
        .isEqualTo(json.has("type") ? List.of(json.path("type").asText()) : List.of());
    JsonNode additional = json.get("additionalProperties");
    if (additional != null && additional.isBoolean()) {
      assertThat(schema.message(21).varint(2) == 1).as(where + " additionalProperties").isEqualTo(additional.asBoolean());
    } else if (additional != null) {
      assertSchema(additional, schema.message(21).message(1), where + ".additionalProperties");
    } else {
      assertThat(schema.has(21)).as(where + " additionalProperties").isFalse();
    }
    if (json.has("items")) {
      assertThat(schema.message(23).messages(1)).hasSize(1);
      assertSchema(json.get("items"), schema.message(23).message(1), where + ".items");
    } else {
      assertThat(schema.has(23)).as(where + " items").isFalse();
    }
    List<DecodedMessage> allOf = schema.messages(24);
    assertThat(allOf).as(where + " allOf").hasSize(json.path("allOf").size());
    for (int i = 0; i < allOf.size(); i++) {
      assertSchema(json.path("allOf").get(i), allOf.get(i), where + ".allOf[" + i + "]");
    }
    assertThat(schema.has(25)).as(where + " properties").isEqualTo(json.has("properties"));
    if (json.has("properties")) {
      Map<String, DecodedMessage> properties = schema.message(25).named(1);
      assertThat(properties.keySet()).as(where + " properties").containsExactlyElementsOf(keys(json.get("properties")));
      for (Map.Entry<String, DecodedMessage> property : properties.entrySet()) {
        assertSchema(json.get("properties").get(property.getKey()), property.getValue(), where + "." + property.getKey());
      }
    }
    assertExtensions(json, schema.named(31), where);
  }

  /** The vendor extensions, in order, each value read back from its YAML as kube-openapi does. */
  private static void assertExtensions(JsonNode json, Map<String, DecodedMessage> extensions, String where)
      throws IOException {
    List<String> jsonNames = keys(json).stream().filter(key -> key.startsWith("x-")).toList();
    assertThat(extensions.keySet()).as(where + " vendor extensions").containsExactlyElementsOf(jsonNames);
    for (String name : jsonNames) {
      assertThat(YAML.readTree(extensions.get(name).string(2))).as(where + " " + name).isEqualTo(json.get(name));
    }
  }

  private static List<String> keys(JsonNode node) {
    return node.properties().stream().map(Map.Entry::getKey).toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(item -> out.add(item.asText()));
    return out;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
