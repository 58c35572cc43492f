package io.milo.crm.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * StoredObject is one version of an object as the store holds it: its type and key, the
 * resourceVersion of the write that produced it, its uid, and its JSON text. The JSON already
 * carries {@code metadata.resourceVersion}, so it can be sent to a client as it is; parse it with
 * {@link #tree()} only when a field is needed.
 */
public record StoredObject(ResourceType type, ObjectKey key, long resourceVersion, String uid, String json) {
  public StoredObject {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(json, "json");
  }

  /** A fresh, mutable tree of the JSON; callers may change it freely. */
  public ObjectNode tree() {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON of " + key + " does not parse", e);
    }
  }

  /** The same object with metadata.resourceVersion set to rv (for a DELETED event's last state). */
  public StoredObject withResourceVersion(long rv) {
    ObjectNode tree = tree();
    Json.metadata(tree).put("resourceVersion", Long.toString(rv));
    return new StoredObject(type, key, rv, uid, Json.write(tree));
  }
}
