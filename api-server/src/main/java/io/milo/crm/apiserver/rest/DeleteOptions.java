package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Preconditions;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/**
 * DeleteOptions as metav1.DeleteOptions, read from the body (JSON or YAML) or the query and
 * validated as ValidateDeleteOptions does: preconditions (uid, resourceVersion), propagationPolicy
 * (Orphan, Background, Foreground; not together with orphanDependents), dryRun.
 *
 * @param finalizer the finalizer the propagation policy adds ("orphan", "foregroundDeletion") or null
 */
record DeleteOptions(Preconditions preconditions, String finalizer, boolean dryRun) {

  static DeleteOptions parse(MultiMap query, byte[] body, boolean yaml) {
    ObjectNode options = body.length == 0 ? Codec.JSON.createObjectNode() : Codec.decodeObject(body, yaml);
    List<Cause> causes = new ArrayList<>();
    String policy = text(options, "propagationPolicy", query.get("propagationPolicy"));
    JsonNode orphanNode = options.get("orphanDependents");
    Boolean orphan = null;
    if (orphanNode != null && !orphanNode.isNull()) {
      orphan = orphanNode.asBoolean();
    } else if (query.get("orphanDependents") != null) {
      orphan = Boolean.parseBoolean(query.get("orphanDependents"));
    }
    if (policy != null && orphan != null) {
      causes.add(new Cause("FieldValueInvalid", "propagationPolicy",
          "Invalid value: \"" + policy + "\": orphanDependents and deletionPropagation cannot be both set"));
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      causes.add(new Cause("FieldValueNotSupported", "propagationPolicy",
          "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
    }
    List<String> dryRun = new ArrayList<>();
    if (options.get("dryRun") instanceof com.fasterxml.jackson.databind.node.ArrayNode values) {
      values.forEach(v -> dryRun.add(v.asText()));
    } else {
      dryRun.addAll(query.getAll("dryRun"));
    }
    boolean isDryRun = WriteOptions.dryRun(dryRun, causes);
    if (!causes.isEmpty()) {
      throw Cause.invalid("meta.k8s.io", "DeleteOptions", causes);
    }
    JsonNode preconditions = options.path("preconditions");
    String uid = preconditions.path("uid").isTextual() ? preconditions.path("uid").asText() : null;
    Long rv = null;
    if (preconditions.path("resourceVersion").isTextual()) {
      try {
        rv = Long.parseLong(preconditions.path("resourceVersion").asText());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("invalid resource version: " + preconditions.path("resourceVersion").asText());
      }
    }
    String finalizer = null;
    if ("Foreground".equals(policy)) {
      finalizer = "foregroundDeletion";
    } else if ("Orphan".equals(policy) || Boolean.TRUE.equals(orphan)) {
      finalizer = "orphan";
    }
    return new DeleteOptions(new Preconditions(uid, rv), finalizer, isDryRun);
  }

  private static String text(ObjectNode options, String field, String fallback) {
    JsonNode value = options.get(field);
    return value != null && value.isTextual() ? value.asText() : fallback;
  }
}
