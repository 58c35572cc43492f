package io.milo.crm.apiserver.rest;

import java.util.Optional;

/**
 * ResourcePath is a request path under {@code /apis} that names a resource, parsed the way the
 * kube-apiserver's RequestInfoFactory parses it: group, version, namespace (from
 * {@code /namespaces/<ns>/...}), resource, name and subresource.
 *
 * @param namespace the namespace in the path, or "" when the path has none
 * @param name the object's name, or "" for the collection
 * @param subresource "status", or "" for the main resource
 */
public record ResourcePath(String group, String version, String namespace, String resource, String name,
    String subresource) {

  /** Parses {@code /apis/<g>/<v>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]}. */
  public static Optional<ResourcePath> parse(String path) {
    if (!path.startsWith("/apis/")) {
      return Optional.empty();
    }
    String[] parts = path.substring("/apis/".length()).split("/", -1);
    int end = parts.length;
    if (end > 0 && parts[end - 1].isEmpty()) {
      end--;
    }
    if (end < 3) {
      return Optional.empty();
    }
    for (int i = 0; i < end; i++) {
      if (parts[i].isEmpty()) {
        return Optional.empty();
      }
    }
    String group = parts[0];
    String version = parts[1];
    int i = 2;
    String namespace = "";
    if (parts[i].equals("namespaces") && end >= 5) {
      namespace = parts[i + 1];
      i += 2;
    }
    String resource = parts[i++];
    String name = i < end ? parts[i++] : "";
    String subresource = i < end ? parts[i++] : "";
    if (i < end) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(group, version, namespace, resource, name, subresource));
  }

  public boolean isCollection() {
    return name.isEmpty();
  }
}
