package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.AdmissionAttributes;
import io.milo.crm.admission.Operation;
import io.milo.crm.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes holds the steps create, update and patch share: classifying the body, decoding it with the
 * requested field validation, checking apiVersion, kind, name and namespace against the URL, and
 * turning validation errors into 422.
 */
final class Writes {
  private Writes() {}

  /**
   * Decodes an object body: unknown fields are pruned and duplicates noted; under Strict either is a
   * 400, under Warn a warning, under Ignore nothing.
   */
  static ObjectNode decode(RequestContext ctx, byte[] body, WriteOptions options) {
    Codec.Decoded decoded = Codec.decode(body, Outputs.yamlBody(ctx.request.getHeader("Content-Type")));
    if (!(decoded.tree() instanceof ObjectNode object)) {
      throw ApiError.badRequest("json: cannot unmarshal " + Codec.jsonType(decoded.tree())
          + " into Go value of type map[string]interface {}");
    }
    checkTypeMeta(ctx.kind, object);
    List<String> problems = new ArrayList<>();
    if (decoded.duplicateField() != null) {
      problems.add("duplicate field \"" + decoded.duplicateField() + "\"");
    }
    problems.addAll(fieldProblems(ctx.kind, object));
    report(ctx, options, problems);
    return object;
  }

  /** Prunes fields the schema does not know and returns how the client is told of each. */
  static List<String> fieldProblems(ServedKind kind, ObjectNode object) {
    return kind.validator().prune(object).stream().map(path -> "unknown field \"" + path + "\"").toList();
  }

  static void report(RequestContext ctx, WriteOptions options, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    switch (options.fieldValidation()) {
      case STRICT -> throw ApiError.badRequest("strict decoding error: " + String.join(", ", problems));
      case WARN -> ctx.warnings.addAll(problems);
      case IGNORE -> { }
    }
  }

  /** apiVersion and kind must be the kind's (the CR decoder and validator). */
  static void checkTypeMeta(ServedKind kind, ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    String typeKind = object.path("kind").asText("");
    if (typeKind.isEmpty()) {
      throw ApiError.badRequest("Object 'Kind' is missing in '" + Codec.JSON.valueToTree(object).toString() + "'");
    }
    if (!apiVersion.equals(kind.declaration().apiVersion())) {
      throw ApiError.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + kind.declaration().apiVersion() + ")");
    }
    if (!typeKind.equals(kind.kind())) {
      throw Cause.invalid(kind.group(), kind.kind(), ObjectStrategy.metadata(object).path("name").asText(""),
          List.of(new Cause("FieldValueInvalid", "kind", "Invalid value: \"" + typeKind + "\": must be " + kind.kind())));
    }
  }

  /** The namespace in the body must be the URL's; an empty one takes the URL's. */
  static void checkNamespace(RequestContext ctx, ObjectNode object) {
    ObjectNode metadata = ObjectStrategy.metadata(object);
    String namespace = metadata.path("namespace").asText("");
    if (!ctx.kind.namespaced()) {
      if (!namespace.isEmpty()) {
        metadata.remove("namespace");
      }
      return;
    }
    if (namespace.isEmpty()) {
      metadata.put("namespace", ctx.namespace());
    } else if (!namespace.equals(ctx.namespace())) {
      throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
  }

  /** On update the namespace in the body, when given, must be the URL's (rest.go checkName's wording). */
  static void checkNamespaceOnUpdate(RequestContext ctx, ObjectNode object) {
    String namespace = ObjectStrategy.metadata(object).path("namespace").asText("");
    if (ctx.kind.namespaced() && !namespace.isEmpty() && !namespace.equals(ctx.namespace())) {
      throw ApiError.badRequest("the namespace of the object (" + namespace + ") does not match the namespace on the request ("
          + ctx.namespace() + ")");
    }
    checkNamespace(ctx, object);
  }

  /** For a request on an item: the body's name must be the URL's. */
  static void checkName(RequestContext ctx, ObjectNode object) {
    ObjectNode metadata = ObjectStrategy.metadata(object);
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      metadata.put("name", ctx.name());
    } else if (!name.equals(ctx.name())) {
      throw ApiError.badRequest("the name of the object (" + name + ") does not match the name on the URL (" + ctx.name() + ")");
    }
  }

  static void requireValid(ServedKind kind, ObjectNode object, List<FieldError> errors) {
    if (errors.isEmpty()) {
      return;
    }
    String name = ObjectStrategy.metadata(object).path("name").asText("");
    throw Cause.invalid(kind.group(), kind.kind(), name,
        errors.stream().map(e -> new Cause(e.reason(), e.field(), e.body())).toList());
  }

  static AdmissionAttributes attributes(RequestContext ctx, Operation operation, ObjectNode object, ObjectNode old,
      boolean dryRun) {
    String name = object != null ? ObjectStrategy.metadata(object).path("name").asText(ctx.name()) : ctx.name();
    return new AdmissionAttributes(operation, ctx.kind.group(), ctx.kind.declaration().version(), ctx.kind.kind(),
        ctx.kind.plural(), ctx.path.subresource(), ctx.namespace(), name, object, old,
        ctx.user, dryRun, ctx.warnings);
  }

  static long resourceVersionOf(JsonNode object) {
    String rv = object.path("metadata").path("resourceVersion").asText("");
    try {
      return rv.isEmpty() ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid resource version: " + rv);
    }
  }
}
