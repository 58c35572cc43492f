package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documents built from the real kind declarations, parsed back and checked the way their
 * readers use them: the aggregator (paths, definitions, every $ref resolvable), kubectl explain
 * (schemas found by x-kubernetes-group-version-kind, fields followed through $ref and allOf) and
 * kubectl's server-side field validation check (fieldValidation among the PATCH operation's own
 * parameters).
 */
class OpenApiDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiDocuments DOCUMENTS = OpenApiDocuments.build(Kinds.all(), OpenApiDocuments.SERVED_PATCH_TYPES);

  static Stream<KindDeclaration> kinds() {
    return Kinds.all().stream();
  }

  private static JsonNode v2() throws IOException {
    return JSON.readTree(DOCUMENTS.v2(null, null).body());
  }

  private static JsonNode v3(KindDeclaration kind) throws IOException {
    return JSON.readTree(DOCUMENTS.v3("apis/" + kind.apiVersion(), null, null, null).orElseThrow().body());
  }

  /** The paths the kube-apiserver serves for a CRD of this kind, with their operations and actions. */
  private static Map<String, Map<String, String>> expectedOperations(KindDeclaration kind) {
    String base = "/apis/" + kind.apiVersion() + "/";
    String collection = base + (kind.namespaced() ? "namespaces/{namespace}/" : "") + kind.plural();
    var expected = new java.util.TreeMap<String, Map<String, String>>();
    if (kind.namespaced()) {
      expected.put(base + kind.plural(), Map.of("get", "list"));
    }
    expected.put(collection, Map.of("get", "list", "post", "post", "delete", "deletecollection"));
    expected.put(collection + "/{name}", Map.of("get", "get", "put", "put", "patch", "patch", "delete", "delete"));
    if (kind.statusSubresource()) {
      expected.put(collection + "/{name}/status", Map.of("get", "get", "put", "put", "patch", "patch"));
    }
    return expected;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachKindHasExactlyTheCrdPathsVerbsAndActionsWithItsGvkOnEveryOperation(KindDeclaration kind) throws IOException {
    for (JsonNode document : List.of(v2(), v3(kind))) {
      Map<String, Map<String, String>> expected = expectedOperations(kind);
      var actual = new java.util.TreeMap<String, Map<String, String>>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        if (!belongsTo(path.getKey(), kind)) {
          continue;
        }
        var operations = new java.util.HashMap<String, String>();
        for (String method : List.of("get", "put", "post", "delete", "patch", "head", "options")) {
          JsonNode operation = path.getValue().get(method);
          if (operation == null) {
            continue;
          }
          operations.put(method, operation.path("x-kubernetes-action").asText());
          JsonNode gvk = operation.get("x-kubernetes-group-version-kind");
          assertThat(gvk.isObject()).as("GVK of %s %s is a map", method, path.getKey()).isTrue();
          assertThat(gvk.path("group").asText()).isEqualTo(kind.group());
          assertThat(gvk.path("version").asText()).isEqualTo(kind.version());
          assertThat(gvk.path("kind").asText()).isEqualTo(kind.kind());
        }
        actual.put(path.getKey(), operations);
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void patchDeclaresTheFieldManagementParametersOnTheOperationAndConsumesOnlyTheServedPatchTypes(KindDeclaration kind)
      throws IOException {
    JsonNode v3 = v3(kind);
    JsonNode v2 = v2();
    for (String path : expectedOperations(kind).keySet()) {
      if (!path.contains("{name}")) {
        continue;
      }
      JsonNode v3Patch = v3.path("paths").path(path).path("patch");
      assertThat(names(v3Patch.path("parameters"))).contains("dryRun", "fieldManager", "fieldValidation", "force");
      assertThat(fieldNames(v3Patch.path("requestBody").path("content")))
          .containsExactly(OpenApiDocuments.JSON_PATCH, OpenApiDocuments.MERGE_PATCH);
      JsonNode v2Patch = v2.path("paths").path(path).path("patch");
      assertThat(names(v2Patch.path("parameters"))).contains("dryRun", "fieldManager", "fieldValidation", "force");
      assertThat(texts(v2Patch.path("consumes"))).containsExactly(OpenApiDocuments.JSON_PATCH, OpenApiDocuments.MERGE_PATCH);
    }
  }

  /** kubectl pkg/cmd/util via cli-runtime's supportsQueryParamV3: the first PATCH with the GVK decides. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void kubectlDetectsServerSideFieldValidation(KindDeclaration kind) throws IOException {
    assertThat(supportsQueryParam(v3(kind), kind, "fieldValidation")).isTrue();
    assertThat(supportsQueryParam(v2(), kind, "fieldValidation")).isTrue();
    assertThat(supportsQueryParam(v3(kind), kind, "noSuchParameter")).isFalse();
  }

  private static boolean supportsQueryParam(JsonNode document, KindDeclaration kind, String parameter) {
    for (JsonNode path : document.path("paths")) {
      JsonNode patch = path.get("patch");
      if (patch == null) {
        continue;
      }
      JsonNode gvk = patch.path("x-kubernetes-group-version-kind");
      if (gvk.path("group").asText().equals(kind.group()) && gvk.path("version").asText().equals(kind.version())
          && gvk.path("kind").asText().equals(kind.kind())) {
        return names(patch.path("parameters")).contains(parameter);
      }
    }
    return false;
  }

  @Test
  void listingServerSideApplyIsOneMoreEntryAndStrategicMergePatchIsRefused() throws IOException {
    List<String> withApply = new ArrayList<>(OpenApiDocuments.SERVED_PATCH_TYPES);
    withApply.add(OpenApiDocuments.APPLY_PATCH);
    KindDeclaration person = Kinds.byResource("crm.milo.io", "people").orElseThrow();
    JsonNode v3 = JSON.readTree(OpenApiDocuments.build(List.of(person), withApply)
        .v3("apis/crm.milo.io/v1alpha1", null, null, null).orElseThrow().body());
    assertThat(fieldNames(v3.at("/paths/~1apis~1crm.milo.io~1v1alpha1~1people~1{name}/patch/requestBody/content")))
        .containsExactly(OpenApiDocuments.JSON_PATCH, OpenApiDocuments.MERGE_PATCH, OpenApiDocuments.APPLY_PATCH);

    assertThatThrownBy(() -> OpenApiDocuments.build(List.of(person), List.of("application/strategic-merge-patch+json")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategic merge");
    assertThatThrownBy(() -> OpenApiDocuments.build(List.of(person), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyReferenceResolvesInBothDocuments() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    documents.add(v2());
    for (String groupVersion : DOCUMENTS.v3GroupVersions()) {
      documents.add(JSON.readTree(DOCUMENTS.v3(groupVersion, null, null, null).orElseThrow().body()));
    }
    for (JsonNode document : documents) {
      List<String> refs = new ArrayList<>();
      collectRefs(document, refs);
      assertThat(refs).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith(document.has("swagger") ? "#/definitions/" : "#/components/schemas/");
        assertThat(document.at(ref.substring(1)).isObject()).as("%s resolves", ref).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void kindAndListDefinitionsAreNamedAsForCrdsAndCarryTheirGvkAsAnArray(KindDeclaration kind) throws IOException {
    String[] reversedGroup = kind.group().split("\\.");
    java.util.Collections.reverse(java.util.Arrays.asList(reversedGroup));
    String prefix = String.join(".", reversedGroup) + "." + kind.version() + ".";
    JsonNode v3Schemas = v3(kind).path("components").path("schemas");
    JsonNode v2Definitions = v2().path("definitions");
    for (JsonNode schemas : List.of(v3Schemas, v2Definitions)) {
      for (String kindName : List.of(kind.kind(), kind.kind() + "List")) {
        JsonNode gvk = schemas.path(prefix + kindName).path("x-kubernetes-group-version-kind");
        assertThat(gvk.isArray()).as("%s%s GVK", prefix, kindName).isTrue();
        assertThat(gvk).hasSize(1);
        assertThat(gvk.get(0).path("group").asText()).isEqualTo(kind.group());
        assertThat(gvk.get(0).path("version").asText()).isEqualTo(kind.version());
        assertThat(gvk.get(0).path("kind").asText()).isEqualTo(kindName);
        assertThat(texts(schemas.path(prefix + kindName).path("x-kubernetes-selectable-fields"), "fieldPath"))
            .containsExactlyElementsOf(kind.selectableFields());
      }
    }
    assertThat(v3Schemas.path(prefix + kind.kind()).at("/properties/metadata/allOf/0/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(v2Definitions.path(prefix + kind.kind()).at("/properties/metadata/$ref").asText())
        .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(v3Schemas.path(prefix + kind.kind() + "List").at("/properties/items/items/$ref").asText())
        .isEqualTo("#/components/schemas/" + prefix + kind.kind());
  }

  /** Table: what {@code kubectl explain <resource>.<field path>} resolves, and where the text must come from. */
  static Stream<Arguments> explainedFields() {
    KindDeclaration person = Kinds.byResource("crm.milo.io", "people").orElseThrow();
    return Stream.of(
        Arguments.of(person, "spec.contactRefs", person.schema().at("/properties/spec/properties/contactRefs/description").asText()),
        Arguments.of(person, "spec.contactRefs.namespace",
            person.schema().at("/properties/spec/properties/contactRefs/items/properties/namespace/description").asText()),
        Arguments.of(person, "metadata.labels", "Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"),
        Arguments.of(person, "metadata.ownerReferences.uid", "UID of the referent. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids"),
        Arguments.of(person, "metadata", "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("explainedFields")
  void kubectlExplainFindsTheKindByGvkAndFollowsFieldsThroughReferences(KindDeclaration kind, String fieldPath,
      String description) throws IOException {
    assertThat(explain(v3(kind), "components/schemas", kind, fieldPath).path("description").asText()).isEqualTo(description);
    assertThat(explain(v2(), "definitions", kind, fieldPath).path("description").asText()).isEqualTo(description);
  }

  @Test
  void v2PrunesDefaultsWhileV3KeepsThem() throws IOException {
    KindDeclaration person = Kinds.byResource("crm.milo.io", "people").orElseThrow();
    JsonNode v3Labels = v3(person).at("/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/labels");
    JsonNode v2Labels = v2().at("/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/labels");
    assertThat(v3Labels.at("/additionalProperties/default").isTextual()).isTrue();
    assertThat(v2Labels.at("/additionalProperties").has("default")).isFalse();
    List<String> v2Defaults = new ArrayList<>();
    for (JsonNode definition : v2().path("definitions")) {
      SchemaNodes.walk(definition, node -> {
        if (node.has("default")) {
          v2Defaults.add(node.toString());
        }
      });
    }
    assertThat(v2Defaults).isEmpty();
  }

  @Test
  void v3DocumentsHoldOnlyTheirGroupVersionAndV2HoldsAll() throws IOException {
    Set<String> groupVersions = new TreeSet<>();
    for (KindDeclaration kind : Kinds.all()) {
      groupVersions.add("apis/" + kind.apiVersion());
      for (String path : new TreeSet<>(fieldNames(v3(kind).path("paths")))) {
        assertThat(path).startsWith("/apis/" + kind.apiVersion() + "/");
      }
    }
    assertThat(DOCUMENTS.v3GroupVersions()).isEqualTo(groupVersions);
    Set<String> v2Paths = new HashSet<>(fieldNames(v2().path("paths")));
    for (KindDeclaration kind : Kinds.all()) {
      assertThat(v2Paths).containsAll(expectedOperations(kind).keySet());
    }
  }

  /**
   * What kubectl explain does with a document: find the schema whose GVK array names the kind,
   * then walk the field path through properties, items, $ref and allOf.
   */
  private static JsonNode explain(JsonNode document, String schemasPointer, KindDeclaration kind, String fieldPath) {
    JsonNode schemas = document.at("/" + schemasPointer);
    JsonNode current = null;
    for (JsonNode schema : schemas) {
      for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
        if (gvk.path("group").asText().equals(kind.group()) && gvk.path("version").asText().equals(kind.version())
            && gvk.path("kind").asText().equals(kind.kind())) {
          current = schema;
        }
      }
    }
    assertThat(current).as("schema of %s", kind.kind()).isNotNull();
    for (String field : fieldPath.split("\\.")) {
      current = resolve(document, dereference(document, current)).path("properties").path(field);
      assertThat(current.isMissingNode()).as("field %s of %s", field, fieldPath).isFalse();
    }
    return current;
  }

  /** An array's fields are its items'. */
  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    JsonNode resolved = dereference(document, schema);
    return resolved.has("items") ? dereference(document, resolved.get("items")) : resolved;
  }

  private static JsonNode dereference(JsonNode document, JsonNode schema) {
    if (schema.has("$ref")) {
      return document.at(schema.get("$ref").asText().substring(1));
    }
    if (schema.has("allOf")) {
      return dereference(document, schema.get("allOf").get(0));
    }
    return schema;
  }

  private static boolean belongsTo(String path, KindDeclaration kind) {
    return path.startsWith("/apis/" + kind.apiVersion() + "/")
        && (path.endsWith("/" + kind.plural()) || path.contains("/" + kind.plural() + "/"));
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("$ref")) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(element -> collectRefs(element, refs));
    }
  }

  private static List<String> names(JsonNode parameters) {
    return texts(parameters, "name");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(element -> out.add(element.path(field).asText()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(element -> out.add(element.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
