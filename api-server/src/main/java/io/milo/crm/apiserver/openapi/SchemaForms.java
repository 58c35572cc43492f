package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.SchemaNodes.NODES;
import static io.milo.crm.apiserver.openapi.SchemaNodes.REF;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SchemaForms turns definitions from the neutral form of {@link SchemaNodes} into what each OpenAPI
 * version publishes, and works out which definitions a document needs:
 *
 * <ul>
 *   <li>v2: references point into {@code #/definitions/}, and defaults are pruned, as the
 *       kube-apiserver prunes CRD definitions before merging them (kube-openapi handler
 *       {@code PruneDefaults});
 *   <li>v3: references point into {@code #/components/schemas/}, and a reference with siblings
 *       (description, default) is wrapped as {@code allOf: [{$ref}]}, as kube-openapi's builder3
 *       {@code WrapRefs} does (OpenAPI 3.0 ignores the siblings of a $ref).
 * </ul>
 */
final class SchemaForms {
  static final String V2_PREFIX = "#/definitions/";
  static final String V3_PREFIX = "#/components/schemas/";

  private SchemaForms() {}

  static ObjectNode v2(ObjectNode neutral) {
    ObjectNode schema = neutral.deepCopy();
    SchemaNodes.walk(schema, node -> {
      if (node.has(REF)) {
        node.put(REF, V2_PREFIX + node.get(REF).asText());
      }
      node.remove("default");
    });
    return schema;
  }

  static ObjectNode v3(ObjectNode neutral) {
    ObjectNode schema = neutral.deepCopy();
    SchemaNodes.walk(schema, node -> {
      JsonNode ref = node.get(REF);
      if (ref == null || ref.asText().startsWith("#/")) {
        return;
      }
      String target = V3_PREFIX + ref.asText();
      if (node.size() == 1) {
        node.put(REF, target);
      } else {
        node.remove(REF);
        node.putArray("allOf").addObject().put(REF, target);
      }
    });
    return schema;
  }

  /** A bare reference to a definition, as responses and bodies use it. */
  static ObjectNode reference(String prefix, String definition) {
    return NODES.objectNode().put(REF, prefix + definition);
  }

  /**
   * The definitions reachable from {@code roots} through references, sorted by name (as Go's JSON
   * encoder sorts map keys); fails naming a reference to a definition that does not exist.
   */
  static Map<String, ObjectNode> reachable(Set<String> roots, Map<String, ObjectNode> available) {
    Map<String, ObjectNode> reached = new TreeMap<>();
    Set<String> pending = new LinkedHashSet<>(roots);
    while (!pending.isEmpty()) {
      String name = pending.iterator().next();
      pending.remove(name);
      if (reached.containsKey(name)) {
        continue;
      }
      ObjectNode schema = available.get(name);
      if (schema == null) {
        throw new IllegalStateException("OpenAPI: reference to unknown definition " + name);
      }
      reached.put(name, schema);
      SchemaNodes.walk(schema, node -> {
        if (node.has(REF)) {
          pending.add(node.get(REF).asText());
        }
      });
    }
    return reached;
  }
}
