package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * ManagedFields records who wrote which fields in {@code metadata.managedFields}, in the FieldsV1
 * shape the kube-apiserver uses ({@code {"f:spec":{"f:name":{}}}}): a write gives its manager the
 * fields it set or changed and takes them from every other manager; an entry left with no field is
 * dropped. Lists are owned whole. Server-side apply, which needs per-element ownership and conflict
 * detection, is not served (415), so this is the Update bookkeeping only.
 */
final class ManagedFields {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ManagedFields() {}

  /**
   * Updates next's managedFields for a write by manager; old is the stored object (null on create).
   * A client's own managedFields are kept only when it sent a list (as kubectl replace does).
   */
  static void record(ObjectNode next, ObjectNode old, String manager, String operation, String apiVersion,
      String subresource, Instant now) {
    ObjectNode changed = NODES.objectNode();
    diff(strip(next), old == null ? NODES.objectNode() : strip(old), changed);
    ObjectNode metadata = ObjectStrategy.metadata(next);
    JsonNode existing = old == null ? metadata.get("managedFields") : ObjectStrategy.metadata(old).get("managedFields");
    ArrayNode entries = NODES.arrayNode();
    boolean recorded = false;
    if (existing != null && existing.isArray()) {
      for (JsonNode entry : existing) {
        if (!(entry instanceof ObjectNode object) || !(object.get("fieldsV1") instanceof ObjectNode fields)) {
          continue;
        }
        ObjectNode copy = object.deepCopy();
        boolean mine = manager.equals(entry.path("manager").asText()) && operation.equals(entry.path("operation").asText())
            && subresource.equals(entry.path("subresource").asText(""));
        ObjectNode remaining = fields.deepCopy();
        if (mine && changed.size() > 0) {
          union(remaining, changed);
          copy.put("time", ObjectTimes.format(now)).put("apiVersion", apiVersion);
          recorded = true;
        } else if (mine) {
          recorded = true;
        } else {
          subtract(remaining, changed);
        }
        if (remaining.size() > 0) {
          copy.set("fieldsV1", remaining);
          entries.add(copy);
        }
      }
    }
    if (!recorded && changed.size() > 0) {
      ObjectNode entry = entries.addObject().put("manager", manager).put("operation", operation)
          .put("apiVersion", apiVersion).put("time", ObjectTimes.format(now)).put("fieldsType", "FieldsV1");
      entry.set("fieldsV1", changed);
      if (!subresource.isEmpty()) {
        entry.put("subresource", subresource);
      }
    }
    if (entries.isEmpty()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", entries);
    }
  }

  private static ObjectNode strip(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("apiVersion");
    copy.remove("kind");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode meta) {
      for (String field : new String[] {"managedFields", "uid", "resourceVersion", "creationTimestamp", "generation",
          "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "name", "namespace"}) {
        meta.remove(field);
      }
      if (meta.isEmpty()) {
        copy.remove("metadata"); // nothing a client set: no f:metadata entry
      }
    }
    return copy;
  }

  /** Adds to out (as a field set) every path whose value differs between next and old. */
  private static void diff(ObjectNode next, ObjectNode old, ObjectNode out) {
    Iterator<Map.Entry<String, JsonNode>> fields = next.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode before = old.get(field.getKey());
      if (field.getValue().equals(before)) {
        continue;
      }
      ObjectNode child = NODES.objectNode();
      if (field.getValue() instanceof ObjectNode nested) {
        diff(nested, before instanceof ObjectNode o ? o : NODES.objectNode(), child);
        if (child.isEmpty() && !nested.isEmpty()) {
          continue;
        }
      }
      out.set("f:" + field.getKey(), child);
    }
  }

  private static void union(ObjectNode into, ObjectNode add) {
    add.fields().forEachRemaining(e -> {
      JsonNode present = into.get(e.getKey());
      if (present instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
        union(target, source);
      } else {
        into.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }

  /** Removes from set the leaves in taken (a field someone else now owns). */
  private static void subtract(ObjectNode set, ObjectNode taken) {
    taken.fields().forEachRemaining(e -> {
      JsonNode present = set.get(e.getKey());
      if (present == null) {
        return;
      }
      if (e.getValue().isEmpty() || !(present instanceof ObjectNode target)) {
        set.remove(e.getKey());
        return;
      }
      subtract(target, (ObjectNode) e.getValue());
      if (target.isEmpty()) {
        set.remove(e.getKey());
      }
    });
  }
}
