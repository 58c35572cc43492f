package io.milo.crm.apiserver.openapi;

import static io.milo.crm.apiserver.openapi.SchemaNodes.NODES;
import static io.milo.crm.apiserver.openapi.SchemaNodes.arrayOf;
import static io.milo.crm.apiserver.openapi.SchemaNodes.ref;
import static io.milo.crm.apiserver.openapi.SchemaNodes.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.Iterator;
import java.util.Map;

/**
 * KindSchemas makes the definitions of a custom resource and of its list from the kind's declared
 * schema, as builder.go's {@code buildKubeNative} and {@code buildListSchema} do: {@code metadata}
 * becomes a reference to ObjectMeta (ListMeta for the list), {@code apiVersion} and {@code kind} take
 * TypeMeta's documentation, and both schemas carry {@code x-kubernetes-group-version-kind} as an
 * array and {@code x-kubernetes-selectable-fields} (CustomResourceFieldSelectors is on from 1.32).
 * For OpenAPI v2 the declared schema first goes through {@code ToStructuralOpenAPIV2}
 * (pkg/controller/openapi/v2/conversion.go): no junctors, no nullable, no item or property schemas
 * under x-kubernetes-preserve-unknown-fields.
 */
final class KindSchemas {
  private static final String PRESERVE_UNKNOWN = "x-kubernetes-preserve-unknown-fields";
  private static final String EMBEDDED = "x-kubernetes-embedded-resource";

  private KindSchemas() {}

  /** The definition of the kind itself. */
  static ObjectNode kind(KindDeclaration kind, boolean v2) {
    ObjectNode declared = kind.schema();
    ObjectNode schema;
    if (v2 && isTrue(declared, PRESERVE_UNKNOWN)) {
      // kubectl would refuse every unknown field if anything but the type were published.
      schema = NODES.objectNode().put("type", "object");
    } else {
      schema = v2 ? toOpenApiV2(declared) : declared;
      ObjectNode properties = schema.withObjectProperty("properties");
      properties.set("metadata", ref(MetaDefinitions.OBJECT_META, MetaDefinitions.OBJECT_METADATA_DOC));
      properties.set("apiVersion", string(MetaDefinitions.API_VERSION_DOC));
      properties.set("kind", string(MetaDefinitions.KIND_DOC));
      addEmbeddedResourceProperties(schema, v2);
    }
    schema.putArray("x-kubernetes-group-version-kind").add(MetaDefinitions.gvk(kind.group(), kind.version(), kind.kind()));
    addSelectableFields(schema, kind);
    return schema;
  }

  /** The definition of {@code <Kind>List}. */
  static ObjectNode list(KindDeclaration kind) {
    String listKind = DefinitionNames.listKind(kind.kind());
    ObjectNode schema = NODES.objectNode()
        .put("description", listKind + " is a list of " + kind.kind())
        .put("type", "object");
    schema.putArray("required").add("items");
    ObjectNode properties = schema.putObject("properties");
    properties.set("apiVersion", string(MetaDefinitions.API_VERSION_DOC));
    properties.set("items", arrayOf(ref(DefinitionNames.of(kind.group(), kind.version(), kind.kind())),
        "List of " + kind.plural() + ". More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md"));
    properties.set("kind", string(MetaDefinitions.KIND_DOC));
    properties.set("metadata", ref(MetaDefinitions.LIST_META, MetaDefinitions.LIST_METADATA_DOC));
    schema.putArray("x-kubernetes-group-version-kind").add(MetaDefinitions.gvk(kind.group(), kind.version(), listKind));
    addSelectableFields(schema, kind);
    return schema;
  }

  /** ToStructuralOpenAPIV2, on a copy. */
  static ObjectNode toOpenApiV2(ObjectNode declared) {
    ObjectNode schema = declared.deepCopy();
    SchemaNodes.walk(schema, node -> {
      node.remove(java.util.List.of("allOf", "oneOf", "anyOf", "not"));
      if (node.get("properties") instanceof ObjectNode properties) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> property = it.next();
          if (isTrue(property.getValue(), "nullable")) {
            removeRequired(node, property.getKey());
          }
        }
      }
      if (isTrue(node.get("additionalProperties"), "nullable")) {
        node.remove("required");
      }
      if (isTrue(node, "nullable")) {
        // Untyped values break kubectl when they have items or properties.
        node.remove(java.util.List.of("type", "items", "properties"));
      }
      node.remove("nullable");
      if (isTrue(node, PRESERVE_UNKNOWN)) {
        node.remove(java.util.List.of("items", "properties"));
        if ("object".equals(node.path("type").asText())) {
          node.remove("type");
        }
      }
      if (!node.has("items") && "array".equals(node.path("type").asText())) {
        node.remove("type");
      }
    });
    return schema;
  }

  /**
   * addEmbeddedProperties: an object marked x-kubernetes-embedded-resource is a whole object, so it
   * gets apiVersion, kind (both required) and metadata like the root; not in v2 under
   * preserve-unknown-fields, where kubectl would then refuse unknown fields.
   */
  private static void addEmbeddedResourceProperties(ObjectNode root, boolean v2) {
    SchemaNodes.walk(root, node -> {
      if (node == root || !isTrue(node, EMBEDDED) || (v2 && isTrue(node, PRESERVE_UNKNOWN))) {
        return;
      }
      ObjectNode properties = node.withObjectProperty("properties");
      properties.set("apiVersion", string("apiVersion defines the versioned schema of this representation of an object. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"));
      properties.set("kind", string("kind is a string value representing the type of this object. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"));
      properties.set("metadata", ref(MetaDefinitions.OBJECT_META, MetaDefinitions.OBJECT_METADATA_DOC));
      ArrayNode required = node.withArrayProperty("required");
      for (String name : new String[] {"kind", "apiVersion"}) {
        if (!contains(required, name)) {
          required.add(name);
        }
      }
    });
  }

  private static void addSelectableFields(ObjectNode schema, KindDeclaration kind) {
    if (kind.selectableFields().isEmpty()) {
      return;
    }
    ArrayNode fields = schema.putArray("x-kubernetes-selectable-fields");
    for (String field : kind.selectableFields()) {
      fields.addObject().put("fieldPath", field.startsWith(".") ? field.substring(1) : field);
    }
  }

  private static void removeRequired(ObjectNode node, String name) {
    if (node.get("required") instanceof ArrayNode required) {
      for (int i = required.size() - 1; i >= 0; i--) {
        if (name.equals(required.get(i).asText())) {
          required.remove(i);
        }
      }
      if (required.isEmpty()) {
        node.remove("required");
      }
    }
  }

  private static boolean contains(ArrayNode array, String value) {
    for (JsonNode element : array) {
      if (value.equals(element.asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrue(JsonNode node, String field) {
    return node != null && node.path(field).asBoolean(false);
  }
}
