package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The schema transformations on their own: ToStructuralOpenAPIV2 for v2, WrapRefs for v3, default
 * pruning, parameter hoisting, and the reachable-definition closure.
 */
class SchemaConversionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void v2DropsJunctorsNullableAndWhatPreserveUnknownFieldsHides() {
    ObjectNode declared = parse("{'type':'object','required':['a','b'],'properties':{"
        + "'a':{'type':'string','nullable':true},"
        + "'b':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{'c':{'type':'string'}}},"
        + "'d':{'type':'array','x-kubernetes-preserve-unknown-fields':true,'items':{'type':'string'}},"
        + "'e':{'type':'string','anyOf':[{'minLength':1}],'allOf':[{'maxLength':3}],'not':{'enum':['x']}}}}");
    JsonNode v2 = KindSchemas.toOpenApiV2(declared);
    assertThat(v2.at("/properties/a").has("type")).isFalse();
    assertThat(v2.at("/properties/a").has("nullable")).isFalse();
    assertThat(v2.path("required")).extracting(JsonNode::asText).containsExactly("b");
    assertThat(v2.at("/properties/b").has("properties")).isFalse();
    assertThat(v2.at("/properties/b").has("type")).isFalse();
    assertThat(v2.at("/properties/d").has("items")).isFalse();
    assertThat(v2.at("/properties/d").has("type")).isFalse();
    assertThat(v2.at("/properties/e").has("anyOf") || v2.at("/properties/e").has("allOf") || v2.at("/properties/e").has("not")).isFalse();
    assertThat(declared.at("/properties/a/nullable").asBoolean()).as("the declaration is left alone").isTrue();
  }

  @Test
  void v3WrapsReferencesWithSiblingsInAllOfAndV2PrunesDefaults() {
    ObjectNode neutral = parse("{'type':'object','properties':{"
        + "'meta':{'$ref':'x.Meta','description':'the meta','default':{}},"
        + "'plain':{'$ref':'x.Plain'},"
        + "'default':{'type':'string','default':'a property named default stays'}}}");
    JsonNode v3 = SchemaForms.v3(neutral);
    assertThat(v3.at("/properties/meta/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/x.Meta");
    assertThat(v3.at("/properties/meta").has("$ref")).isFalse();
    assertThat(v3.at("/properties/meta/description").asText()).isEqualTo("the meta");
    assertThat(v3.at("/properties/plain/$ref").asText()).isEqualTo("#/components/schemas/x.Plain");

    JsonNode v2 = SchemaForms.v2(neutral);
    assertThat(v2.at("/properties/meta/$ref").asText()).isEqualTo("#/definitions/x.Meta");
    assertThat(v2.at("/properties/meta").has("default")).isFalse();
    assertThat(v2.at("/properties/default").isObject()).isTrue();
    assertThat(v2.at("/properties/default").has("default")).isFalse();
  }

  @Test
  void onlyReachableDefinitionsArePublishedAndADanglingReferenceFailsTheBuild() {
    Map<String, ObjectNode> available = Map.of(
        "a", parse("{'properties':{'b':{'$ref':'b'}}}"),
        "b", parse("{'items':{'$ref':'c'}}"),
        "c", parse("{'type':'string'}"),
        "unused", parse("{'type':'string'}"));
    assertThat(SchemaForms.reachable(Set.of("a"), available)).containsOnlyKeys("a", "b", "c");
    assertThatThrownBy(() -> SchemaForms.reachable(Set.of("a"), Map.of("a", available.get("a"))))
        .hasMessageContaining("unknown definition b");
  }

  @Test
  void parametersOfEveryOperationMoveToThePathTheRestStayOnTheOperation() {
    Parameter pretty = QueryOptions.PRETTY;
    Parameter name = Parameter.path("name", "name of the Thing");
    Route get = route("get", List.of(pretty, name, QueryOptions.GET.get(0)));
    Route patch = route("patch", List.of(name, pretty, QueryOptions.PATCH.get(0), QueryOptions.PATCH.get(3)));
    PathItems.PathItem item = PathItems.of(List.of(get, patch)).get(0);
    assertThat(item.common()).extracting(Parameter::name).containsExactly("name", "pretty");
    assertThat(item.operations().get(1).parameters()).extracting(Parameter::name)
        .containsExactly("dryRun", "fieldValidation");
    assertThat(item.operations().get(0).parameters()).extracting(Parameter::name).containsExactly("resourceVersion");

    PathItems.PathItem single = PathItems.of(List.of(get)).get(0);
    assertThat(single.common()).hasSize(3);
    assertThat(single.operations().get(0).parameters()).isEmpty();
  }

  private static Route route(String method, List<Parameter> parameters) {
    return new Route("/apis/g/v/things/{name}", method, method, method + "Thing", "g_v", "d", "g", "v", "Thing",
        parameters, null, ResourceRoutes.JSON_AND_YAML, ResourceRoutes.JSON_AND_YAML,
        List.of(new Route.Response(200, "OK", null)));
  }
}
