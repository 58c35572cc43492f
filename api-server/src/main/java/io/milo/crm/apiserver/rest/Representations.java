package io.milo.crm.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.negotiation.Encoding;
import io.milo.crm.apiserver.negotiation.Negotiated;
import io.milo.crm.apiserver.table.IncludeObject;
import io.milo.crm.apiserver.table.ListMeta;
import io.milo.crm.apiserver.table.PartialObjectMetadata;
import io.milo.crm.storage.ListResult;
import io.milo.crm.storage.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Representations turns objects and lists into the negotiated representation and encoding: the
 * resource itself (in JSON the stored text as it is, without re-encoding), a Table, or
 * PartialObjectMetadata(List), each in JSON or YAML.
 */
final class Representations {
  private Representations() {}

  static byte[] object(ServedKind kind, Negotiated output, ObjectNode object, IncludeObject include) {
    return object(kind, output, object, include, Map.of());
  }

  /** resolved: the values of the kind's resolved columns for this one object (Tables only). */
  static byte[] object(ServedKind kind, Negotiated output, ObjectNode object, IncludeObject include,
      Map<String, List<Object>> resolved) {
    ObjectNode body = switch (output.representation()) {
      case RESOURCE -> object;
      case TABLE -> kind.table().table(List.of(object), ListMeta.of(object), include, output.version(), true, resolved,
          Instant.now());
      case PARTIAL_OBJECT_METADATA -> PartialObjectMetadata.of(object, output.version());
      case PARTIAL_OBJECT_METADATA_LIST -> throw new IllegalStateException("negotiated a list for an object: " + output);
    };
    return encode(output, body);
  }

  static byte[] object(ServedKind kind, Negotiated output, StoredObject object, IncludeObject include) {
    if (isPlainJson(output)) {
      return object.json().getBytes(StandardCharsets.UTF_8);
    }
    return object(kind, output, object.tree(), include);
  }

  /** trees: the page's items parsed (Tables and metadata only); resolved: the resolved columns' values (Tables). */
  static byte[] list(ServedKind kind, Negotiated output, ListResult page, List<ObjectNode> trees, IncludeObject include,
      Map<String, List<Object>> resolved) {
    if (isPlainJson(output)) {
      return jsonList(kind, page);
    }
    ListMeta meta = new ListMeta(Long.toString(page.resourceVersion()), page.continueToken(), null);
    ObjectNode body = switch (output.representation()) {
      case RESOURCE -> Codec.parseObject(new String(jsonList(kind, page), StandardCharsets.UTF_8));
      case TABLE -> kind.table().table(trees, meta, include, output.version(), true, resolved, Instant.now());
      case PARTIAL_OBJECT_METADATA_LIST -> PartialObjectMetadata.list(trees, meta, output.version());
      case PARTIAL_OBJECT_METADATA -> throw new IllegalStateException("negotiated an object for a list: " + output);
    };
    return encode(output, body);
  }

  static boolean isPlainJson(Negotiated output) {
    return output.representation() == io.milo.crm.apiserver.negotiation.Representation.RESOURCE
        && output.encoding() == Encoding.JSON;
  }

  static byte[] encode(Negotiated output, ObjectNode body) {
    return output.encoding() == Encoding.YAML ? Codec.yaml(body) : Codec.json(body);
  }

  /** The list written around the stored JSON texts, as the kube-apiserver orders an unstructured list's keys. */
  private static byte[] jsonList(ServedKind kind, ListResult page) {
    StringBuilder out = new StringBuilder(64 + page.items().stream().mapToInt(i -> i.json().length() + 1).sum());
    out.append("{\"apiVersion\":\"").append(kind.declaration().apiVersion()).append("\",\"items\":[");
    boolean first = true;
    for (StoredObject item : page.items()) {
      if (!first) {
        out.append(',');
      }
      out.append(item.json());
      first = false;
    }
    out.append("],\"kind\":\"").append(kind.kind()).append("List\",\"metadata\":{");
    if (page.continueToken() != null) {
      out.append("\"continue\":").append(quote(page.continueToken())).append(',');
    }
    out.append("\"resourceVersion\":\"").append(page.resourceVersion()).append("\"}}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static List<ObjectNode> trees(List<StoredObject> items) {
    return items.stream().map(StoredObject::tree).toList();
  }

  private static String quote(String text) {
    return new String(Codec.json(com.fasterxml.jackson.databind.node.TextNode.valueOf(text)), StandardCharsets.UTF_8);
  }
}
