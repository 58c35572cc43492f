package io.milo.crm.apiserver.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RequestInfo is what authorization knows about a request, derived from its method, path and query
 * exactly as the kube-apiserver's RequestInfoFactory does (k8s.io/apiserver
 * pkg/endpoints/request/requestinfo.go): a resource request under /api or /apis has a verb (get, list,
 * watch, create, update, patch, delete, deletecollection, or a verb given by a path prefix such as
 * watch), an API group and version, a namespace, a resource, a subresource and a name; anything else
 * is a non-resource request whose verb is the lowercase HTTP method.
 */
public record RequestInfo(boolean resourceRequest, String path, String verb, String apiPrefix, String apiGroup,
    String apiVersion, String namespace, String resource, String subresource, String name) {
  private static final Set<String> API_PREFIXES = Set.of("api", "apis");
  private static final Set<String> GROUPLESS_PREFIXES = Set.of("api");
  /** Verbs that may be given as the first segment after the version (deprecated /watch/ and /proxy/ paths). */
  private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
  private static final Set<String> SPECIAL_VERBS_WITHOUT_SUBRESOURCES = Set.of("proxy");
  /** Subresources of a namespace, which keep /namespaces/{name}/{subresource} about the namespace itself. */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /**
   * The request's attributes.
   *
   * @param query the decoded query parameters (each name with its values in order)
   */
  public static RequestInfo derive(String method, String path, Map<String, List<String>> query) {
    RequestInfo nonResource = new RequestInfo(false, path, method.toLowerCase(Locale.ROOT), "", "", "", "", "", "", "");
    List<String> parts = split(path);
    if (parts.size() < 3 || !API_PREFIXES.contains(parts.get(0))) {
      return nonResource;
    }
    String prefix = parts.get(0);
    parts = parts.subList(1, parts.size());
    String group = "";
    if (!GROUPLESS_PREFIXES.contains(prefix)) {
      // Group, version and at least a resource must follow /apis.
      if (parts.size() < 3) {
        return nonResource;
      }
      group = parts.get(0);
      parts = parts.subList(1, parts.size());
    }
    String version = parts.get(0);
    parts = parts.subList(1, parts.size());
    String verb;
    if (SPECIAL_VERBS.contains(parts.get(0))) {
      if (parts.size() < 2) {
        // Upstream fails to build the RequestInfo here, and the request is rejected; nothing names a resource.
        return new RequestInfo(true, path, parts.get(0), prefix, group, version, "", "", "", "");
      }
      verb = parts.get(0);
      parts = parts.subList(1, parts.size());
    } else {
      verb = switch (method.toUpperCase(Locale.ROOT)) {
        case "POST" -> "create";
        case "GET", "HEAD" -> "get";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> "delete";
        default -> "";
      };
    }
    String namespace = "";
    if (parts.get(0).equals("namespaces")) {
      if (parts.size() > 1) {
        namespace = parts.get(1);
        if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
          parts = parts.subList(2, parts.size());
        }
      }
    }
    String resource = parts.get(0);
    String name = parts.size() >= 2 ? parts.get(1) : "";
    String subresource = parts.size() >= 3 && !SPECIAL_VERBS_WITHOUT_SUBRESOURCES.contains(verb) ? parts.get(2) : "";
    if (name.isEmpty() && verb.equals("get")) {
      verb = isWatch(query) ? "watch" : "list";
      name = FieldSelectorName.exactName(first(query, "fieldSelector")).orElse("");
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new RequestInfo(true, path, verb, prefix, group, version, namespace, resource, subresource, name);
  }

  /** Whether the verb only reads. */
  public boolean readOnly() {
    return verb.equals("get") || verb.equals("list") || verb.equals("watch");
  }

  /** Go's query decoding of a bool: present and neither "0" nor "false" (any case) is true. */
  private static boolean isWatch(Map<String, List<String>> query) {
    String value = first(query, "watch");
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The path's segments without empty leading and trailing ones, as Go's splitPath. */
  private static List<String> split(String path) {
    String trimmed = path;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/", -1));
  }

  /** The name a field selector pins, which upstream takes as the request's name for list and watch. */
  static final class FieldSelectorName {
    private FieldSelectorName() {}

    static Optional<String> exactName(String selector) {
      if (selector == null || selector.isEmpty()) {
        return Optional.empty();
      }
      List<String> terms = splitUnescaped(selector, ',');
      if (terms == null) {
        return Optional.empty();
      }
      String found = null;
      for (String term : terms) {
        if (term.isEmpty()) {
          continue;
        }
        int[] op = operator(term);
        if (op == null) {
          return Optional.empty(); // an invalid selector: upstream gives the request no name
        }
        String field = term.substring(0, op[0]);
        String value = unescape(term.substring(op[0] + op[1]));
        if (value == null) {
          return Optional.empty();
        }
        boolean notEqual = term.startsWith("!=", op[0]);
        if (found == null && !notEqual && field.equals("metadata.name")) {
          found = value;
        }
      }
      return Optional.ofNullable(found).filter(FieldSelectorName::validPathSegment);
    }

    /** Position and length of the first operator (!=, ==, =) outside escapes, or null. */
    private static int[] operator(String term) {
      for (int i = 0; i < term.length(); i++) {
        char c = term.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '!' && term.startsWith("!=", i)) {
          return new int[] {i, 2};
        } else if (c == '=') {
          return new int[] {i, term.startsWith("==", i) ? 2 : 1};
        }
      }
      return null;
    }

    private static List<String> splitUnescaped(String s, char separator) {
      List<String> out = new java.util.ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          current.append(c).append(s.charAt(++i));
        } else if (c == separator) {
          out.add(current.toString());
          current.setLength(0);
        } else {
          current.append(c);
        }
      }
      out.add(current.toString());
      return out;
    }

    /** Field selector value unescaping: \\, \, and \= only; anything else is invalid. */
    private static String unescape(String value) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\\') {
          if (i + 1 >= value.length() || "\\,=".indexOf(value.charAt(i + 1)) < 0) {
            return null;
          }
          out.append(value.charAt(++i));
        } else if (c == ',' || c == '=') {
          return null;
        } else {
          out.append(c);
        }
      }
      return out.toString();
    }

    /** path.IsValidPathSegmentName: not "." or "..", no "/" or "%". */
    private static boolean validPathSegment(String name) {
      return !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('%') < 0;
    }
  }
}
