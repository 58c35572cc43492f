package io.milo.crm.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery holds the legacy discovery documents ({@code /apis}, {@code /apis/<g>},
 * {@code /apis/<g>/<v>}), built once from the kind declarations and served from memory: the
 * aggregator probes them every 30 s and a slow answer stalls namespace deletion cluster-wide.
 */
public final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> documents = new LinkedHashMap<>();

  /**
   * @param kinds the declarations
   * @param verbs the verbs every resource serves (only those fully implemented)
   * @param statusVerbs the verbs of each {@code <plural>/status} subresource
   */
  public Discovery(List<KindDeclaration> kinds, List<String> verbs, List<String> statusVerbs) {
    Map<String, Map<String, List<KindDeclaration>>> byGroup = new LinkedHashMap<>();
    for (KindDeclaration kind : kinds) {
      byGroup.computeIfAbsent(kind.group(), g -> new LinkedHashMap<>())
          .computeIfAbsent(kind.version(), v -> new ArrayList<>()).add(kind);
    }
    ObjectNode groupList = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = groupList.putArray("groups");
    for (var group : byGroup.entrySet()) {
      ObjectNode document = group(group.getKey(), group.getValue().keySet());
      groups.add(document.deepCopy().without(List.of("kind", "apiVersion")));
      documents.put("/apis/" + group.getKey(), write(document));
      for (var version : group.getValue().entrySet()) {
        String groupVersion = group.getKey() + "/" + version.getKey();
        documents.put("/apis/" + groupVersion, write(resourceList(groupVersion, version.getValue(), verbs, statusVerbs)));
      }
    }
    // No /api: like every aggregated server (sample-apiserver, metrics-server), this one serves
    // no core group, and client-go's discovery accepts the 404.
    documents.put("/apis", write(groupList));
  }

  /** The document at path, if discovery has one. */
  public Optional<String> document(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return Optional.ofNullable(documents.get(trimmed));
  }

  /** The APIGroup document; the first declared version is the preferred one. */
  private static ObjectNode group(String name, java.util.Set<String> versions) {
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
          .put("namespaced", kind.namespaced()).put("kind", kind.kind())
          .put("storageVersionHash", storageVersionHash(kind.apiVersion(), kind.kind()));
      verbs.forEach(resource.putArray("verbs")::add);
      if (!kind.shortNames().isEmpty()) {
        kind.shortNames().forEach(resource.putArray("shortNames")::add);
      }
      if (!kind.categories().isEmpty()) {
        kind.categories().forEach(resource.putArray("categories")::add);
      }
      if (kind.statusSubresource()) {
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
      byte[] sum = java.security.MessageDigest.getInstance("SHA-256")
          .digest((apiVersion + "/" + kind).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sum, 8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
