package io.milo.crm.apiserver.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery holds the legacy discovery documents ({@code /api}, {@code /apis}, {@code /apis/<g>},
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
    Map<String, List<KindDeclaration>> byGroupVersion = new LinkedHashMap<>();
    for (KindDeclaration kind : kinds) {
      byGroupVersion.computeIfAbsent(kind.apiVersion(), k -> new java.util.ArrayList<>()).add(kind);
    }
    ObjectNode groupList = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = groupList.putArray("groups");
    for (var entry : byGroupVersion.entrySet()) {
      KindDeclaration first = entry.getValue().get(0);
      ObjectNode group = group(first);
      groups.add(group.deepCopy().without(List.of("kind", "apiVersion")));
      documents.put("/apis/" + first.group(), write(group));
      documents.put("/apis/" + entry.getKey(), write(resourceList(entry.getKey(), entry.getValue(), verbs, statusVerbs)));
    }
    documents.put("/apis", write(groupList));
    documents.put("/api", write(JSON.createObjectNode().put("kind", "APIVersions").set("versions", JSON.createArrayNode())));
  }

  /** The document at path, if discovery has one. */
  public Optional<String> document(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return Optional.ofNullable(documents.get(trimmed));
  }

  private static ObjectNode group(KindDeclaration kind) {
    ObjectNode group = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1").put("name", kind.group());
    ObjectNode version = JSON.createObjectNode().put("groupVersion", kind.apiVersion()).put("version", kind.version());
    group.putArray("versions").add(version);
    group.set("preferredVersion", version.deepCopy());
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
      if (kind.statusSubresource()) {
        ObjectNode status = resources.addObject().put("name", kind.plural() + "/status").put("singularName", "")
            .put("namespaced", kind.namespaced()).put("kind", kind.kind());
        statusVerbs.forEach(status.putArray("verbs")::add);
      }
    }
    return list;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
