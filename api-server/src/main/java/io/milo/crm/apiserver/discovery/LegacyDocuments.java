package io.milo.crm.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LegacyDocuments builds the legacy discovery documents ({@code APIGroupList} at {@code /apis},
 * {@code APIGroup} at {@code /apis/<g>}, {@code APIResourceList} at {@code /apis/<g>/<v>}) as the
 * apiextensions-apiserver's discovery controller fills them for CRDs
 * (k8s.io/apiextensions-apiserver pkg/apiserver/customresource_discovery_controller.go), with the fields in
 * the order Go writes them (k8s.io/apimachinery pkg/apis/meta/v1/types.go).
 */
final class LegacyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyDocuments() {}

  /** Each document by path, compact JSON without the trailing newline. */
  static Map<String, String> build(List<KindDeclaration> kinds, List<String> verbs, List<String> statusVerbs) {
    Map<String, String> documents = new LinkedHashMap<>();
    ObjectNode groupList = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = groupList.putArray("groups");
    for (var group : GroupVersions.of(kinds).entrySet()) {
      ObjectNode document = group(group.getKey(), group.getValue().keySet());
      groups.add(document.deepCopy().without(List.of("kind", "apiVersion")));
      documents.put("/apis/" + group.getKey(), document.toString());
      for (var version : group.getValue().entrySet()) {
        String groupVersion = group.getKey() + "/" + version.getKey();
        documents.put("/apis/" + groupVersion, resourceList(groupVersion, version.getValue(), verbs, statusVerbs).toString());
      }
    }
    // No /api: like every aggregated server (sample-apiserver, metrics-server), this one serves
    // no core group, and client-go's discovery accepts the 404.
    documents.put("/apis", groupList.toString());
    return documents;
  }

  /** The APIGroup document; the first declared version is the preferred one. */
  private static ObjectNode group(String name, Set<String> versions) {
    ObjectNode group = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String version : versions) {
      list.addObject().put("groupVersion", name + "/" + version).put("version", version);
    }
    group.set("preferredVersion", list.get(0).deepCopy());
    return group;
  }

  private static ObjectNode resourceList(String groupVersion, List<KindDeclaration> kinds, List<String> verbs,
      List<String> statusVerbs) {
    ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", groupVersion);
    ArrayNode resources = list.putArray("resources");
    for (KindDeclaration kind : kinds) {
      ObjectNode resource = resources.addObject().put("name", kind.plural()).put("singularName", kind.singular())
          .put("namespaced", kind.namespaced()).put("kind", kind.kind());
      verbs.forEach(resource.putArray("verbs")::add);
      if (!kind.shortNames().isEmpty()) {
        kind.shortNames().forEach(resource.putArray("shortNames")::add);
      }
      if (!kind.categories().isEmpty()) {
        kind.categories().forEach(resource.putArray("categories")::add);
      }
      resource.put("storageVersionHash", storageVersionHash(kind.apiVersion(), kind.kind()));
      if (kind.statusSubresource()) {
        // singularName is not omitempty in Go: a subresource says "".
        ObjectNode status = resources.addObject().put("name", kind.plural() + "/status").put("singularName", "")
            .put("namespaced", kind.namespaced()).put("kind", kind.kind());
        statusVerbs.forEach(status.putArray("verbs")::add);
      }
    }
    return list;
  }

  /**
   * What the kube-apiserver advertises so that storage migrators notice a change of storage
   * version: base64 of the first 8 bytes of sha256("group/version/Kind").
   */
  static String storageVersionHash(String apiVersion, String kind) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest((apiVersion + "/" + kind).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(Arrays.copyOf(sum, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
