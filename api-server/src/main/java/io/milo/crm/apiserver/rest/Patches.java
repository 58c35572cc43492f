package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Patches applies the patch types served: RFC 6902 JSON Patch (at most 10,000 operations) and RFC 7386
 * JSON merge patch. Strategic merge patch and server-side apply are refused with 415 listing what is
 * accepted, as the kube-apiserver answers for types a resource does not support (the garbage collector
 * then falls back to merge patch).
 */
final class Patches {
  static final int MAX_JSON_PATCH_OPERATIONS = 10_000;
  static final String JSON_PATCH = "application/json-patch+json";
  static final String MERGE_PATCH = "application/merge-patch+json";

  /** A served patch type. */
  enum Type { JSON_PATCH, MERGE_PATCH }

  private Patches() {}

  static Type type(String contentType) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case JSON_PATCH -> Type.JSON_PATCH;
      case MERGE_PATCH -> Type.MERGE_PATCH;
      default -> throw ApiError.of(415, "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include: "
              + JSON_PATCH + ", " + MERGE_PATCH);
    };
  }

  /** Checks the patch document before any object is read: 400 when malformed, 413 when too long. */
  static JsonNode parse(Type type, byte[] body) {
    JsonNode patch = Codec.decode(body, false).tree();
    if (type == Type.JSON_PATCH) {
      if (!patch.isArray()) {
        throw ApiError.badRequest("json: cannot unmarshal " + Codec.jsonType(patch) + " into Go value of type jsonpatch.Patch");
      }
      if (patch.size() > MAX_JSON_PATCH_OPERATIONS) {
        throw ApiError.of(413, "RequestEntityTooLarge", "The allowed maximum operations in a JSON patch is "
            + MAX_JSON_PATCH_OPERATIONS + ", got " + patch.size());
      }
    } else if (!patch.isObject()) {
      throw ApiError.badRequest("json: cannot unmarshal " + Codec.jsonType(patch) + " into Go value of type map[string]interface {}");
    }
    return patch;
  }

  /** The patched object; a patch that cannot apply is 422, one that leaves no object 400. */
  static ObjectNode apply(Type type, JsonNode patch, ObjectNode current) {
    JsonNode patched;
    if (type == Type.JSON_PATCH) {
      try {
        patched = JsonPatch.apply(patch, current);
      } catch (JsonPatchApplicationException | IllegalArgumentException e) {
        // patch.go answers a patch that cannot apply with this generic 422 (NewGenericServerResponse).
        throw ApiError.withDetails(422, "Invalid", "the server rejected our request due to an error in our request",
            Codec.JSON.createObjectNode());
      }
    } else {
      patched = merge(current, patch);
    }
    if (!(patched instanceof ObjectNode object)) {
      throw ApiError.badRequest("the patch leaves no object: json: cannot unmarshal " + Codec.jsonType(patched)
          + " into Go value of type map[string]interface {}");
    }
    return object;
  }

  /** RFC 7386 MergePatch(target, patch). */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Codec.JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }
}
