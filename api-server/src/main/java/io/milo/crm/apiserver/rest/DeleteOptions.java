package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.storage.Preconditions;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DeleteOptions as metav1.DeleteOptions, read from the body (JSON or YAML) when there is one and from
 * the query otherwise (handlers.DeleteResource), and validated as ValidateDeleteOptions does:
 * preconditions (uid, resourceVersion), propagationPolicy (Orphan, Background, Foreground; not
 * together with orphanDependents), dryRun.
 *
 * @param policy the propagation policy, or null when none was given
 * @param orphanDependents the deprecated orphanDependents, or null
 */
record DeleteOptions(Preconditions preconditions, String policy, Boolean orphanDependents, boolean dryRun) {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  static DeleteOptions parse(MultiMap query, byte[] body, boolean yaml) {
    ObjectNode options = body.length == 0 ? fromQuery(query) : Codec.decodeObject(body, yaml);
    List<Cause> causes = new ArrayList<>();
    String policy = options.path("propagationPolicy").isTextual() ? options.path("propagationPolicy").asText() : null;
    JsonNode orphanNode = options.get("orphanDependents");
    Boolean orphan = orphanNode != null && !orphanNode.isNull() ? orphanNode.asBoolean() : null;
    if (policy != null && orphan != null) {
      causes.add(new Cause("FieldValueInvalid", "propagationPolicy",
          "Invalid value: \"" + policy + "\": orphanDependents and deletionPropagation cannot be both set"));
    }
    if (policy != null && !List.of("Orphan", "Background", "Foreground").contains(policy)) {
      causes.add(new Cause("FieldValueNotSupported", "propagationPolicy",
          "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
    }
    List<String> dryRun = new ArrayList<>();
    if (options.get("dryRun") instanceof ArrayNode values) {
      values.forEach(v -> dryRun.add(v.asText()));
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
    return new DeleteOptions(new Preconditions(uid, rv), policy, orphan, isDryRun);
  }

  /** The options a deletion with no body and no parameters has. */
  static DeleteOptions none() {
    return new DeleteOptions(Preconditions.NONE, null, null, false);
  }

  /**
   * Sets the garbage collector's finalizers as the propagation asks (store.go
   * deletionFinalizersForGarbageCollection): Orphan keeps dependents, Foreground deletes them first,
   * Background neither; with neither given, what the object has stays. Returns whether anything changed.
   */
  boolean applyTo(Set<String> finalizers) {
    boolean orphan;
    boolean foreground;
    if (policy != null) {
      orphan = policy.equals("Orphan");
      foreground = policy.equals("Foreground");
    } else if (orphanDependents != null) {
      orphan = orphanDependents;
      foreground = false;
    } else {
      return false;
    }
    boolean changed = orphan ? finalizers.add(ORPHAN) : finalizers.remove(ORPHAN);
    changed |= foreground ? finalizers.add(FOREGROUND) : finalizers.remove(FOREGROUND);
    return changed;
  }

  private static ObjectNode fromQuery(MultiMap query) {
    ObjectNode options = Codec.JSON.createObjectNode();
    if (query.get("propagationPolicy") != null) {
      options.put("propagationPolicy", query.get("propagationPolicy"));
    }
    if (query.get("orphanDependents") != null) {
      options.put("orphanDependents", Boolean.parseBoolean(query.get("orphanDependents")));
    }
    ArrayNode dryRun = options.putArray("dryRun");
    query.getAll("dryRun").forEach(dryRun::add);
    return options;
  }
}
