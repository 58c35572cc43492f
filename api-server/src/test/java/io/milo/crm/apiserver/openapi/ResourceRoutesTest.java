package io.milo.crm.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Operation ids, descriptions, parameters and bodies as the CRD builder and GetOperationIDAndTags
 * produce them, for a namespaced kind whose name starts with a vowel and a cluster-scoped one.
 */
class ResourceRoutesTest {
  private static final KindDeclaration EXAMPLE = kind("example.com", "Item", "items", true);
  private static final KindDeclaration WIDGET = kind("widgets.k8s.io", "Widget", "widgets", false);

  static KindDeclaration kind(String group, String kind, String plural, boolean namespaced) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    for (String name : List.of("apiVersion", "kind", "metadata", "spec", "status")) {
      properties.putObject(name).put("type", name.endsWith("ind") || name.equals("apiVersion") ? "string" : "object");
    }
    return new KindDeclaration(group, "v1beta1", kind, plural, kind.toLowerCase(), List.of(), List.of(), namespaced,
        schema, List.of(), List.of(), List.of(), true);
  }

  /** Table: kind, path, method, operation id, description, action. */
  static Stream<Arguments> operations() {
    return Stream.of(
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/items", "get", "listExampleComV1beta1ItemForAllNamespaces", "list objects of kind Item", "list"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items", "get", "listExampleComV1beta1NamespacedItem", "list objects of kind Item", "list"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items", "post", "createExampleComV1beta1NamespacedItem", "create an Item", "post"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items", "delete", "deletecollectionExampleComV1beta1NamespacedItem", "delete collection of Item", "deletecollection"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items/{name}", "get", "readExampleComV1beta1NamespacedItem", "read the specified Item", "get"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items/{name}", "delete", "deleteExampleComV1beta1NamespacedItem", "delete an Item", "delete"),
        Arguments.of(EXAMPLE, "/apis/example.com/v1beta1/namespaces/{namespace}/items/{name}/status", "patch", "patchExampleComV1beta1NamespacedItemStatus", "partially update status of the specified Item", "patch"),
        Arguments.of(WIDGET, "/apis/widgets.k8s.io/v1beta1/widgets/{name}", "put", "replaceWidgetsV1beta1Widget", "replace the specified Widget", "put"),
        Arguments.of(WIDGET, "/apis/widgets.k8s.io/v1beta1/widgets/{name}/status", "get", "readWidgetsV1beta1WidgetStatus", "read status of the specified Widget", "get"),
        Arguments.of(WIDGET, "/apis/widgets.k8s.io/v1beta1/widgets", "post", "createWidgetsV1beta1Widget", "create a Widget", "post"));
  }

  @ParameterizedTest(name = "{2} {1}")
  @MethodSource("operations")
  void operationIdsDescriptionsAndActions(KindDeclaration kind, String path, String method, String operationId,
      String description, String action) {
    Route route = ResourceRoutes.of(kind, OpenApiDocuments.SERVED_PATCH_TYPES).stream()
        .filter(r -> r.path().equals(path) && r.method().equals(method)).findFirst().orElseThrow();
    assertThat(route.operationId()).isEqualTo(operationId);
    assertThat(route.description()).isEqualTo(description);
    assertThat(route.action()).isEqualTo(action);
  }

  @Test
  void bodiesAndResponsesFollowTheVerb() {
    List<Route> routes = ResourceRoutes.of(WIDGET, OpenApiDocuments.SERVED_PATCH_TYPES);
    Route create = find(routes, "/apis/widgets.k8s.io/v1beta1/widgets", "post");
    assertThat(create.body()).isEqualTo(new Route.Body("io.k8s.widgets.v1beta1.Widget", true));
    assertThat(create.responses()).extracting(Route.Response::code).containsExactly(200, 202, 201, 401);
    Route delete = find(routes, "/apis/widgets.k8s.io/v1beta1/widgets/{name}", "delete");
    assertThat(delete.body()).isEqualTo(new Route.Body(MetaDefinitions.DELETE_OPTIONS, false));
    assertThat(delete.responses()).extracting(Route.Response::definition)
        .containsExactly(MetaDefinitions.STATUS, MetaDefinitions.STATUS, null);
    Route patch = find(routes, "/apis/widgets.k8s.io/v1beta1/widgets/{name}", "patch");
    assertThat(patch.body()).isEqualTo(new Route.Body(MetaDefinitions.PATCH, true));
    assertThat(patch.consumes()).isEqualTo(OpenApiDocuments.SERVED_PATCH_TYPES);
    assertThat(find(routes, "/apis/widgets.k8s.io/v1beta1/widgets", "get").responses().get(0).definition())
        .isEqualTo("io.k8s.widgets.v1beta1.WidgetList");
    assertThat(find(routes, "/apis/widgets.k8s.io/v1beta1/widgets", "get").tag()).isEqualTo("widgets_v1beta1");
  }

  @Test
  void pathParametersAreRequiredAndNamed() {
    Route read = find(ResourceRoutes.of(EXAMPLE, OpenApiDocuments.SERVED_PATCH_TYPES),
        "/apis/example.com/v1beta1/namespaces/{namespace}/items/{name}", "get");
    assertThat(read.parameters()).filteredOn(Parameter::required)
        .extracting(Parameter::name, Parameter::description)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("namespace", "object name and auth scope, such as for teams and projects"),
            org.assertj.core.groups.Tuple.tuple("name", "name of the Item"));
  }

  /** Table: installer.go's GetArticleForNoun. */
  static Stream<Arguments> articles() {
    return Stream.of(Arguments.of("Item", " an "), Arguments.of("Person", " a "), Arguments.of("Class", " a "),
        Arguments.of("Settings", " "), Arguments.of("Object", " an "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("articles")
  void articles(String noun, String article) {
    assertThat(ResourceRoutes.articleFor(noun)).isEqualTo(article);
  }

  /** Table: ToValidOperationID. */
  static Stream<Arguments> identifiers() {
    return Stream.of(Arguments.of("crm.milo.io", true, "CrmMiloIo"), Arguments.of("crm.milo.io", false, "crmMiloIo"),
        Arguments.of("v1alpha1", true, "V1alpha1"), Arguments.of("1abc", false, "Abc"),
        Arguments.of("rbac.authorization", true, "RbacAuthorization"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("identifiers")
  void identifiers(String text, boolean capitalize, String expected) {
    assertThat(ResourceRoutes.identifier(text, capitalize)).isEqualTo(expected);
  }

  private static Route find(List<Route> routes, String path, String method) {
    return routes.stream().filter(r -> r.path().equals(path) && r.method().equals(method)).findFirst().orElseThrow();
  }
}
