package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * ObjectStrategy is what the kube-apiserver's custom resource strategies and rest.BeforeCreate /
 * BeforeUpdate do to an object's metadata and status before it is validated and written: the
 * server-set fields on create, what an update of the main resource or of {@code /status} may change,
 * and when {@code metadata.generation} moves.
 */
final class ObjectStrategy {
  /** ObjectMeta fields only the server sets; a client's values are dropped on create. */
  private static final List<String> SERVER_SET_ON_CREATE = List.of("uid", "resourceVersion", "creationTimestamp",
      "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink");

  private ObjectStrategy() {}

  /** PrepareForCreate: server-set metadata, no status when /status is a subresource. */
  static void prepareForCreate(KindDeclaration kind, ObjectNode object, Instant now) {
    ObjectNode metadata = metadata(object);
    SERVER_SET_ON_CREATE.forEach(metadata::remove);
    metadata.put("uid", UUID.randomUUID().toString());
    metadata.put("creationTimestamp", ObjectTimes.format(now));
    metadata.put("generation", 1);
    if (kind.statusSubresource()) {
      object.remove("status");
    }
  }

  /**
   * PrepareForUpdate of the main resource: status and the server-set metadata stay as stored;
   * generation moves when anything but metadata and status changed.
   */
  static void prepareForUpdate(KindDeclaration kind, ObjectNode next, ObjectNode old) {
    ObjectNode metadata = metadata(next);
    ObjectNode oldMetadata = metadata(old);
    for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "generation", "selfLink")) {
      copy(oldMetadata, metadata, field);
    }
    if (kind.statusSubresource()) {
      copy(old, next, "status");
    }
    if (!specEqual(next, old)) {
      metadata.put("generation", oldMetadata.path("generation").asLong(1) + 1);
    }
  }

  /**
   * PrepareForUpdate of {@code /status}: everything but status stays as stored, labels,
   * annotations, finalizers and owner references included (metav1.ResetObjectMetaForStatus).
   */
  static ObjectNode prepareForStatusUpdate(ObjectNode requested, ObjectNode old) {
    ObjectNode next = old.deepCopy();
    JsonNode status = requested.get("status");
    if (status == null || status.isNull()) {
      next.remove("status");
    } else {
      next.set("status", status.deepCopy());
    }
    ObjectNode nextMetadata = metadata(next);
    JsonNode managed = metadata(requested).get("managedFields");
    if (managed != null) {
      nextMetadata.set("managedFields", managed.deepCopy());
    }
    return next;
  }

  /** Finalizers an update adds to an object being deleted: refused (422) by the caller. */
  static List<String> finalizersAddedDuringDeletion(ObjectNode next, ObjectNode old) {
    if (!metadata(old).hasNonNull("deletionTimestamp")) {
      return List.of();
    }
    Set<String> before = finalizers(old);
    List<String> added = new ArrayList<>();
    for (String finalizer : finalizers(next)) {
      if (!before.contains(finalizer)) {
        added.add(finalizer);
      }
    }
    return added;
  }

  /** Whether the object is being deleted and holds no finalizer any more: it must go now. */
  static boolean readyToDelete(ObjectNode object) {
    return metadata(object).hasNonNull("deletionTimestamp") && finalizers(object).isEmpty();
  }

  static Set<String> finalizers(ObjectNode object) {
    Set<String> finalizers = new LinkedHashSet<>();
    JsonNode list = metadata(object).path("finalizers");
    if (list.isArray()) {
      list.forEach(f -> finalizers.add(f.asText()));
    }
    return finalizers;
  }

  static void setFinalizers(ObjectNode object, Set<String> finalizers) {
    ObjectNode metadata = metadata(object);
    if (finalizers.isEmpty()) {
      metadata.remove("finalizers");
      return;
    }
    ArrayNode list = metadata.putArray("finalizers");
    finalizers.forEach(list::add);
  }

  static ObjectNode metadata(ObjectNode object) {
    JsonNode metadata = object.get("metadata");
    if (metadata instanceof ObjectNode node) {
      return node;
    }
    return object.putObject("metadata");
  }

  private static boolean specEqual(ObjectNode a, ObjectNode b) {
    ObjectNode left = a.deepCopy();
    ObjectNode right = b.deepCopy();
    for (String ignored : List.of("metadata", "status", "apiVersion", "kind")) {
      left.remove(ignored);
      right.remove(ignored);
    }
    return left.equals(right);
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }
}
