package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.SchemaNodes.NODES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenApiV3Writer renders the routes and definitions of one group version as the OpenAPI v3 document
 * {@code /openapi/v3/apis/<g>/<v>} serves, in the shape kube-openapi's pkg/builder3 gives CRD routes:
 * the body as {@code requestBody} with one entry per consumed media type, responses with one entry
 * per produced media type, {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}
 * (a map) on every operation, definitions under {@code components.schemas}.
 */
final class OpenApiV3Writer {
  private OpenApiV3Writer() {}

  static ObjectNode write(List<Route> routes, Map<String, ObjectNode> available) {
    ObjectNode document = NODES.objectNode().put("openapi", "3.0.0");
    document.set("info", info());
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
    ObjectNode schemas = document.putObject("components").putObject("schemas");
    SchemaForms.reachable(roots, available).forEach((name, schema) -> schemas.set(name, SchemaForms.v3(schema)));
    return document;
  }

  /** The info both documents carry, as the CRD builder sets it. */
  static ObjectNode info() {
    return NODES.objectNode().put("title", "Kubernetes CRD Swagger").put("version", "v0.1.0");
  }

  /** An operation's x-kubernetes-group-version-kind: one map, where schemas carry an array. */
  static ObjectNode operationGvk(Route route) {
    return NODES.objectNode().put("group", route.group()).put("version", route.version()).put("kind", route.kind());
  }

  private static ObjectNode operation(PathItems.Operation operation, Set<String> roots) {
    Route route = operation.route();
    ObjectNode op = NODES.objectNode().put("description", route.description()).put("operationId", route.operationId());
    if (!operation.parameters().isEmpty()) {
      ArrayNode parameters = op.putArray("parameters");
      operation.parameters().forEach(parameter -> parameters.add(parameter(parameter)));
    }
    if (route.body() != null) {
      ObjectNode body = op.putObject("requestBody");
      ObjectNode content = body.putObject("content");
      for (String mediaType : route.consumes()) {
        content.putObject(mediaType).set("schema", SchemaForms.reference(SchemaForms.V3_PREFIX, route.body().definition()));
      }
      if (route.body().required()) {
        body.put("required", true);
      }
      roots.add(route.body().definition());
    }
    ObjectNode responses = op.putObject("responses");
    for (Route.Response response : route.responses()) {
      ObjectNode out = responses.putObject(Integer.toString(response.code()));
      if (response.definition() != null) {
        ObjectNode content = out.putObject("content");
        for (String mediaType : route.produces()) {
          content.putObject(mediaType).set("schema", SchemaForms.reference(SchemaForms.V3_PREFIX, response.definition()));
        }
        roots.add(response.definition());
      }
      out.put("description", response.description());
    }
    op.putArray("tags").add(route.tag());
    op.put("x-kubernetes-action", route.action());
    op.set("x-kubernetes-group-version-kind", operationGvk(route));
    return op;
  }

  private static ObjectNode parameter(Parameter parameter) {
    ObjectNode out = NODES.objectNode().put("description", parameter.description()).put("in", parameter.in())
        .put("name", parameter.name());
    if (parameter.required()) {
      out.put("required", true);
    }
    out.putObject("schema").put("type", parameter.type()).put("uniqueItems", true);
    return out;
  }
}
