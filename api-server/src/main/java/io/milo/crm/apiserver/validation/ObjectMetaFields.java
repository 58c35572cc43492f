package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ObjectMetaFields knows the JSON fields of metav1.ObjectMeta (and of the OwnerReference and
 * ManagedFieldsEntry items inside it), so {@code metadata} can be pruned as the kube-apiserver prunes
 * it for a custom resource: it decodes metadata strictly into ObjectMeta (objectmeta.GetObjectMetaWithOptions)
 * and writes it back, which drops every other field and reports it as {@code metadata.<field>}.
 * The Go decoder sees the fields in sorted order, so they are reported in that order.
 */
final class ObjectMetaFields {
  private static final Set<String> OBJECT_META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
      "annotations", "ownerReferences", "finalizers", "managedFields");
  private static final Set<String> OWNER_REFERENCE = Set.of("apiVersion", "kind", "name", "uid", "controller",
      "blockOwnerDeletion");
  private static final Set<String> MANAGED_FIELDS_ENTRY = Set.of("manager", "operation", "apiVersion", "time",
      "fieldsType", "fieldsV1", "subresource");
  private static final Map<String, Set<String>> ITEM_FIELDS = Map.of(
      "ownerReferences", OWNER_REFERENCE,
      "managedFields", MANAGED_FIELDS_ENTRY);

  private ObjectMetaFields() {}

  /** Removes the unknown fields of {@code metadata} (if it is an object) and returns their paths. */
  static List<String> prune(JsonNode metadata) {
    List<String> unknown = new ArrayList<>();
    if (metadata instanceof ObjectNode object) {
      pruneObject(object, OBJECT_META, "metadata", unknown);
      for (Map.Entry<String, Set<String>> list : ITEM_FIELDS.entrySet()) {
        JsonNode items = object.get(list.getKey());
        if (items != null && items.isArray()) {
          for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode item) {
              pruneObject(item, list.getValue(), "metadata." + list.getKey() + "[" + i + "]", unknown);
            }
          }
        }
      }
    }
    unknown.sort(null);
    return unknown;
  }

  private static void pruneObject(ObjectNode object, Set<String> known, String path, List<String> unknown) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (!known.contains(name)) {
        unknown.add(path + "." + name);
        object.remove(name);
      }
    }
  }
}
