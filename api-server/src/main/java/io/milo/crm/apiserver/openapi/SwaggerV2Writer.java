package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.SchemaNodes.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SwaggerV2Writer renders routes and definitions as the OpenAPI v2 (Swagger 2.0) document
 * {@code /openapi/v2} serves, in the shape kube-openapi's pkg/builder gives CRD routes: operations with
 * {@code consumes}, {@code produces}, {@code schemes: [https]}, the body as an {@code in: body}
 * parameter, {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind} (a map).
 * Parameters stay inline (kube-openapi moves shared ones to {@code #/parameters/} under hashed names;
 * clients resolve both the same way, and kubectl needs fieldValidation and dryRun inline either way).
 */
final class SwaggerV2Writer {
  private SwaggerV2Writer() {}

  static ObjectNode write(List<Route> routes, Map<String, ObjectNode> available) {
    ObjectNode document = NODES.objectNode().put("swagger", "2.0");
    document.set("info", OpenApiV3Writer.info());
    ObjectNode paths = document.putObject("paths");
    Set<String> roots = new LinkedHashSet<>();
    for (PathItems.PathItem item : PathItems.of(routes)) {
      ObjectNode pathItem = paths.putObject(item.path());
      for (PathItems.Operation operation : item.operations()) {
        pathItem.set(operation.route().method(), operation(operation, roots));
      }
      if (!item.common().isEmpty()) {
        ArrayNode common = pathItem.putArray("parameters");
        item.common().forEach(parameter -> common.add(parameter(parameter)));
      }
    }
    ObjectNode definitions = document.putObject("definitions");
    SchemaForms.reachable(roots, available).forEach((name, schema) -> definitions.set(name, SchemaForms.v2(schema)));
    return document;
  }

  private static ObjectNode operation(PathItems.Operation operation, Set<String> roots) {
    Route route = operation.route();
    ObjectNode op = NODES.objectNode();
    route.consumes().forEach(op.putArray("consumes")::add);
    op.put("description", route.description()).put("operationId", route.operationId());
    List<ObjectNode> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Parameter parameter : operation.parameters()) {
      parameters.add(parameter(parameter));
      names.add(parameter.name());
    }
    if (route.body() != null) {
      ObjectNode body = NODES.objectNode().put("in", "body").put("name", "body");
      if (route.body().required()) {
        body.put("required", true);
      }
      body.set("schema", SchemaForms.reference(SchemaForms.V2_PREFIX, route.body().definition()));
      roots.add(route.body().definition());
      // Parameters are sorted by name, the body among them.
      int at = 0;
      while (at < names.size() && names.get(at).compareTo("body") < 0) {
        at++;
      }
      parameters.add(at, body);
    }
    if (!parameters.isEmpty()) {
      ArrayNode list = op.putArray("parameters");
      parameters.forEach(list::add);
    }
    route.produces().forEach(op.putArray("produces")::add);
    ObjectNode responses = op.putObject("responses");
    for (Route.Response response : route.responses()) {
      ObjectNode out = responses.putObject(Integer.toString(response.code())).put("description", response.description());
      if (response.definition() != null) {
        out.set("schema", SchemaForms.reference(SchemaForms.V2_PREFIX, response.definition()));
        roots.add(response.definition());
      }
    }
    op.putArray("schemes").add("https");
    op.putArray("tags").add(route.tag());
    op.put("x-kubernetes-action", route.action());
    op.set("x-kubernetes-group-version-kind", OpenApiV3Writer.operationGvk(route));
    return op;
  }

  private static ObjectNode parameter(Parameter parameter) {
    ObjectNode out = NODES.objectNode().put("description", parameter.description()).put("in", parameter.in())
        .put("name", parameter.name());
    if (parameter.required()) {
      out.put("required", true);
    }
    return out.put("type", parameter.type()).put("uniqueItems", true);
  }
}
