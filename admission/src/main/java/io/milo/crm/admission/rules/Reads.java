package io.milo.crm.admission.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.ObjectWriter;
import io.milo.crm.storage.ListOptions;
import io.milo.crm.storage.ObjectKey;
import io.milo.crm.storage.StoredObject;
import io.milo.crm.storage.Tx;
import io.milo.crm.storage.selector.FieldSelector;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads are the lookups rules make inside the write's unit of work: one object by key, the objects
 * whose selectable fields have given values (an indexed list), and small helpers on JSON paths.
 */
final class Reads {
  private final ObjectWriter objects;

  Reads(ObjectWriter objects) {
    this.objects = objects;
  }

  Future<Optional<StoredObject>> find(Tx tx, String group, String resource, String namespace, String name) {
    return tx.find(objects.type(group, resource), new ObjectKey(namespace == null ? "" : namespace, name));
  }

  /** Objects (in namespace, or all when null) whose fields equal the given values, at most limit (0: all). */
  Future<List<StoredObject>> select(Tx tx, String group, String resource, String namespace, Map<String, String> fields,
      int limit) {
    String selector = fields.entrySet().stream().map(e -> e.getKey() + "=" + escape(e.getValue()))
        .collect(Collectors.joining(","));
    ListOptions options = new ListOptions(namespace, null, FieldSelector.parse(selector), limit, null, null, null);
    return tx.list(objects.type(group, resource), options).map(page -> page.items());
  }

  /** The field selector escaping of a value (backslash, comma and equals sign). */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  static String text(JsonNode node, String dottedPath) {
    JsonNode at = node;
    for (String part : dottedPath.split("\\.")) {
      at = at.path(part);
    }
    return at.isValueNode() ? at.asText() : "";
  }

  static ObjectNode object(ObjectNode parent, String field) {
    JsonNode child = parent.get(field);
    return child instanceof ObjectNode node ? node : parent.putObject(field);
  }

  static String describe(StoredObject object) {
    return object.key().namespace().isEmpty() ? object.key().name() : object.key().namespace() + "/" + object.key().name();
  }
}
