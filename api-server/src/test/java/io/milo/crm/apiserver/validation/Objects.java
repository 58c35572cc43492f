package io.milo.crm.apiserver.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import io.milo.crm.apiserver.kinds.Kinds;
import java.util.Iterator;
import java.util.Map;

/** Valid objects of each kind for the tests, and JSON merge patches (RFC 7386) to spoil them. */
final class Objects {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> SPECS = Map.of(
      "Person", "{\"name\":\"John Doe\"}",
      "Company", "{\"displayName\":\"Acme\"}",
      "Note", "{\"subjectRef\":{\"apiGroup\":\"crm.milo.io\",\"kind\":\"Person\",\"name\":\"john-doe\"},\"content\":\"Met at the fair\"}",
      "Contact", "{\"email\":\"john@example.com\"}",
      "ContactGroup", "{\"displayName\":\"Newsletter\",\"visibility\":\"public\"}",
      "ContactGroupMembership", "{\"contactRef\":{\"name\":\"john\",\"namespace\":\"default\"},"
          + "\"contactGroupRef\":{\"name\":\"news\",\"namespace\":\"default\"}}",
      "ContactGroupMembershipRemoval", "{\"contactRef\":{\"name\":\"john\",\"namespace\":\"default\"},"
          + "\"contactGroupRef\":{\"name\":\"news\",\"namespace\":\"default\"}}");

  private Objects() {}

  static KindDeclaration kind(String kind) {
    return Kinds.all().stream().filter(each -> each.kind().equals(kind)).findFirst().orElseThrow();
  }

  /** A valid new object of {@code kind}, as stored: with uid, resourceVersion and creationTimestamp. */
  static ObjectNode valid(String kind) {
    KindDeclaration declaration = kind(kind);
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", declaration.apiVersion());
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", "object-1");
    if (declaration.namespaced()) {
      metadata.put("namespace", "default");
    }
    metadata.put("uid", "0b1d4c2e-0000-4000-8000-000000000001");
    metadata.put("resourceVersion", "7");
    metadata.put("generation", 1);
    metadata.put("creationTimestamp", "2025-01-02T03:04:05Z");
    object.set("spec", parse(SPECS.get(kind)));
    return object;
  }

  /** {@code valid(kind)} with {@code patch} merged in. */
  static ObjectNode patched(String kind, String patch) {
    ObjectNode object = valid(kind);
    merge(object, parse(patch));
    return object;
  }

  static ObjectNode parse(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
        merge(existing, value);
      } else {
        target.set(field.getKey(), value.deepCopy());
      }
    }
  }
}
