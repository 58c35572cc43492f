package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.Kinds;
import io.milo.crm.apiserver.kinds.PrinterColumn;
import io.milo.crm.apiserver.kinds.Resolvers;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.ResourceType;
import io.milo.crm.storage.Store;
import io.milo.crm.storage.StoredObject;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * ColumnValues computes the server-resolved printer columns of a page of objects, one query per column
 * per page whatever the page's size: a Person's {@code EMAIL} (its primary Contact's email, else its
 * first Contact's) and a Company's {@code PEOPLE} (how many People reference it).
 */
final class ColumnValues {
  private final Store store;
  private final ResourceType contacts;
  private final ResourceType people;

  ColumnValues(Store store) {
    this.store = store;
    this.contacts = Kinds.byResource("notification.milo.io", "contacts").orElseThrow().resourceType();
    this.people = Kinds.byResource("crm.milo.io", "people").orElseThrow().resourceType();
  }

  /** The values of each resolved column of kind, aligned with objects, keyed by column name. */
  Future<Map<String, List<Object>>> resolve(ServedKind kind, List<ObjectNode> objects) {
    Map<String, List<Object>> resolved = new HashMap<>();
    Future<Void> all = Future.succeededFuture();
    for (PrinterColumn column : kind.declaration().printerColumns()) {
      if (!column.isResolved() || objects.isEmpty()) {
        continue;
      }
      all = all.compose(v -> values(column.resolver(), objects).map(values -> {
        resolved.put(column.name(), values);
        return null;
      }));
    }
    return all.map(v -> resolved);
  }

  private Future<List<Object>> values(String resolver, List<ObjectNode> objects) {
    return switch (resolver) {
      case Resolvers.PERSON_EMAIL -> emails(objects);
      case Resolvers.COMPANY_PEOPLE -> peopleCounts(objects);
      default -> throw new IllegalStateException("no resolver named " + resolver);
    };
  }

  private Future<List<Object>> emails(List<ObjectNode> people) {
    List<ObjectKey> chosen = new ArrayList<>();
    for (ObjectNode person : people) {
      chosen.add(emailContact(person.path("spec").path("contactRefs")));
    }
    List<ObjectKey> keys = new ArrayList<>(new LinkedHashSet<>(chosen.stream().filter(k -> k != null).toList()));
    return store.getMany(contacts, keys).map(found -> {
      Map<ObjectKey, String> emails = new HashMap<>();
      for (StoredObject contact : found) {
        emails.put(contact.key(), contact.tree().path("spec").path("email").asText(null));
      }
      List<Object> values = new ArrayList<>();
      chosen.forEach(key -> values.add(key == null ? null : emails.get(key)));
      return values;
    });
  }

  /** The primary contactRef, else the first one, or null. */
  private static ObjectKey emailContact(JsonNode refs) {
    JsonNode chosen = null;
    for (JsonNode ref : refs) {
      if (chosen == null || ref.path("primary").asBoolean(false) && !chosen.path("primary").asBoolean(false)) {
        chosen = ref;
      }
    }
    return chosen == null ? null : new ObjectKey(chosen.path("namespace").asText(""), chosen.path("name").asText(""));
  }

  private Future<List<Object>> peopleCounts(List<ObjectNode> companies) {
    List<String> names = companies.stream().map(c -> c.path("metadata").path("name").asText()).toList();
    return store.countByField(people, "spec.companyRef.name", names).map(counts -> {
      List<Object> values = new ArrayList<>();
      names.forEach(name -> values.add(counts.getOrDefault(name, 0L)));
      return values;
    });
  }
}
