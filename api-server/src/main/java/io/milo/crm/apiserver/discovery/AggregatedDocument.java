package io.milo.crm.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * AggregatedDocument is the aggregated discovery document ({@code APIGroupDiscoveryList}, served at
 * {@code /apis} in apidiscovery.k8s.io v2 and v2beta1, which have the same fields) and its ETag.
 *
 * <p>Content as the CRD discovery controller fills it (k8s.io/apiextensions-apiserver
 * pkg/apiserver/customresource_discovery_controller.go): groups sorted by name (CRD groups share one
 * priority), resources sorted by name, freshness Current, the status subresource with the kind's
 * responseKind. Fields in Go's order (k8s.io/api apidiscovery/v2/types.go), with
 * {@code "creationTimestamp":null} in each group's metadata as 1.33 writes it.
 *
 * <p>The ETag is the kube-apiserver's (k8s.io/apiserver pkg/endpoints/discovery/aggregated/etag.go): SHA-512
 * in upper-case hex of the JSON of the list <em>without</em> kind and apiVersion (the hash is taken before
 * encoding for a version), quoted. It is the same for v2 and v2beta1; {@code Vary: Accept} tells them apart.
 */
final class AggregatedDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode unversioned;
  private final String etag;

  AggregatedDocument(List<KindDeclaration> kinds, List<String> verbs, List<String> statusVerbs) {
    unversioned = JSON.createObjectNode();
    unversioned.putObject("metadata");
    ArrayNode items = unversioned.putArray("items");
    Map<String, Map<String, List<KindDeclaration>>> byGroup = new TreeMap<>(GroupVersions.of(kinds));
    for (var group : byGroup.entrySet()) {
      ObjectNode item = items.addObject();
      item.putObject("metadata").put("name", group.getKey()).putNull("creationTimestamp");
      ArrayNode versions = item.putArray("versions");
      for (var version : group.getValue().entrySet()) {
        ObjectNode entry = versions.addObject().put("version", version.getKey());
        ArrayNode resources = entry.putArray("resources");
        version.getValue().stream().sorted(Comparator.comparing(KindDeclaration::plural))
            .forEach(kind -> resources.add(resource(kind, verbs, statusVerbs)));
        entry.put("freshness", "Current");
      }
    }
    etag = "\"" + HexFormat.of().withUpperCase().formatHex(sha512(unversioned.toString())) + "\"";
  }

  /** The quoted ETag, as the {@code ETag} header carries it. */
  String etag() {
    return etag;
  }

  /** The document in apidiscovery.k8s.io/{version}, compact JSON. */
  String json(String version) {
    ObjectNode versioned = JSON.createObjectNode().put("kind", "APIGroupDiscoveryList")
        .put("apiVersion", "apidiscovery.k8s.io/" + version);
    versioned.setAll(unversioned.deepCopy());
    return versioned.toString();
  }

  private static ObjectNode resource(KindDeclaration kind, List<String> verbs, List<String> statusVerbs) {
    ObjectNode resource = JSON.createObjectNode().put("resource", kind.plural());
    responseKind(resource, kind);
    resource.put("scope", kind.namespaced() ? "Namespaced" : "Cluster").put("singularResource", kind.singular());
    verbs.forEach(resource.putArray("verbs")::add);
    if (!kind.shortNames().isEmpty()) {
      kind.shortNames().forEach(resource.putArray("shortNames")::add);
    }
    if (!kind.categories().isEmpty()) {
      kind.categories().forEach(resource.putArray("categories")::add);
    }
    if (kind.statusSubresource()) {
      ObjectNode status = resource.putArray("subresources").addObject().put("subresource", "status");
      responseKind(status, kind);
      statusVerbs.forEach(status.putArray("verbs")::add);
    }
    return resource;
  }

  private static void responseKind(ObjectNode node, KindDeclaration kind) {
    node.putObject("responseKind").put("group", kind.group()).put("version", kind.version()).put("kind", kind.kind());
  }

  private static byte[] sha512(String text) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
