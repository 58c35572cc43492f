package io.milo.crm.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * StoreEvent is one row of the event log as the watch machinery holds it: a write's new state
 * (null for a delete) and previous state (null for a create) as JSON text, with the labels and
 * selectable field values of each, so that every watcher filters without parsing the objects.
 */
final class StoreEvent {
  final long rv;
  final String group;
  final String resource;
  final ObjectKey key;
  final String uid;
  final String objectJson;
  final String prevJson;
  final Map<String, String> labels;
  final Map<String, String> fields;
  final Map<String, String> prevLabels;
  final Map<String, String> prevFields;
  private String prevAtEventRv;

  StoreEvent(long rv, String group, String resource, ObjectKey key, String uid, String objectJson, String prevJson,
      Map<String, String> labels, Map<String, String> fields, Map<String, String> prevLabels,
      Map<String, String> prevFields) {
    this.rv = rv;
    this.group = group;
    this.resource = resource;
    this.key = key;
    this.uid = uid;
    this.objectJson = objectJson;
    this.prevJson = prevJson;
    this.labels = labels;
    this.fields = fields;
    this.prevLabels = prevLabels;
    this.prevFields = prevFields;
  }

  String resourceKey() {
    return group + "/" + resource;
  }

  static String resourceKey(ResourceType type) {
    return type.group() + "/" + type.resource();
  }

  /**
   * The previous state with metadata.resourceVersion set to this event's: what a DELETED event
   * carries, for a real delete and for an object leaving a watcher's selection. Computed once
   * and shared by every watcher (hub thread only).
   */
  String prevAtEventRv() {
    if (prevAtEventRv == null) {
      try {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(prevJson);
        Json.metadata(tree).put("resourceVersion", Long.toString(rv));
        prevAtEventRv = Json.write(tree);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("event " + rv + " holds JSON that does not parse", e);
      }
    }
    return prevAtEventRv;
  }
}
