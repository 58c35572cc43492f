package io.milo.crm.apiserver.openapi;

import io.milo.crm.apiserver.kinds.KindDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ResourceRoutes lists the operations the kube-apiserver publishes for one custom resource version,
 * following apiextensions-apiserver pkg/controller/openapi/builder/builder.go ({@code generateBuilder},
 * {@code buildRoute}, {@code descriptionFor}) and the operation ids of k8s.io/apiserver
 * pkg/endpoints/openapi {@code GetOperationIDAndTags}:
 *
 * <ul>
 *   <li>a namespaced kind: list across namespaces at {@code /apis/<g>/<v>/<plural>}, then everything
 *       else under {@code /apis/<g>/<v>/namespaces/{namespace}/<plural>};
 *   <li>on the collection list, create and deletecollection; on {@code /{name}} read, replace, delete
 *       and patch; on {@code /{name}/status} read, replace and patch when the kind has a status
 *       subresource.
 * </ul>
 */
final class ResourceRoutes {
  static final List<String> JSON_AND_YAML = List.of("application/json", "application/yaml");
  private static final String NAMESPACE_DOC = "object name and auth scope, such as for teams and projects";

  private final KindDeclaration kind;
  private final List<String> patchTypes;
  private final String kindDefinition;
  private final String listDefinition;

  private ResourceRoutes(KindDeclaration kind, List<String> patchTypes) {
    this.kind = kind;
    this.patchTypes = List.copyOf(patchTypes);
    this.kindDefinition = DefinitionNames.of(kind.group(), kind.version(), kind.kind());
    this.listDefinition = DefinitionNames.of(kind.group(), kind.version(), DefinitionNames.listKind(kind.kind()));
  }

  /** The operations of {@code kind}; PATCH operations consume exactly {@code patchTypes}. */
  static List<Route> of(KindDeclaration kind, List<String> patchTypes) {
    return new ResourceRoutes(kind, patchTypes).routes();
  }

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    String root = "/apis/" + kind.group() + "/" + kind.version() + "/" + kind.plural();
    if (kind.namespaced()) {
      routes.add(route(root, "", "get", "list", "list", listDefinition, "list" + kind.kind() + "ForAllNamespaces"));
      root = "/apis/" + kind.group() + "/" + kind.version() + "/namespaces/{namespace}/" + kind.plural();
    }
    routes.add(route(root, "", "get", "list", "list", listDefinition, null));
    routes.add(route(root, "", "post", "post", "create", kindDefinition, null));
    routes.add(route(root, "", "delete", "deletecollection", "deletecollection", MetaDefinitions.STATUS, null));
    routes.add(route(root, "/{name}", "get", "get", "read", kindDefinition, null));
    routes.add(route(root, "/{name}", "put", "put", "replace", kindDefinition, null));
    routes.add(route(root, "/{name}", "delete", "delete", "delete", MetaDefinitions.STATUS, null));
    routes.add(route(root, "/{name}", "patch", "patch", "patch", kindDefinition, null));
    if (kind.statusSubresource()) {
      routes.add(route(root, "/{name}/status", "get", "get", "read", kindDefinition, null));
      routes.add(route(root, "/{name}/status", "put", "put", "replace", kindDefinition, null));
      routes.add(route(root, "/{name}/status", "patch", "patch", "patch", kindDefinition, null));
    }
    return routes;
  }

  /**
   * One operation, as builder.go's buildRoute makes it.
   *
   * @param operationName the go-restful operation name, or null for the default
   *     {@code <verb>[Namespaced]<Kind>[<Subresource>]}
   */
  private Route route(String root, String suffix, String method, String action, String verb, String sample,
      String operationName) {
    String subresource = subresource(suffix);
    String name = operationName != null ? operationName
        : verb + (kind.namespaced() ? "Namespaced" : "") + kind.kind() + capitalize(subresource);
    String path = root + suffix;
    List<Parameter> parameters = new ArrayList<>();
    parameters.add(QueryOptions.PRETTY);
    if (path.contains("{namespace}")) {
      parameters.add(Parameter.path("namespace", NAMESPACE_DOC));
    }
    if (path.contains("{name}")) {
      parameters.add(Parameter.path("name", "name of the " + kind.kind()));
    }
    parameters.addAll(switch (action) {
      case "get" -> QueryOptions.GET;
      case "list", "deletecollection" -> QueryOptions.LIST;
      case "put" -> QueryOptions.UPDATE;
      case "patch" -> QueryOptions.PATCH;
      case "post" -> QueryOptions.CREATE;
      case "delete" -> QueryOptions.DELETE;
      default -> throw new IllegalArgumentException("unknown action " + action);
    });
    Route.Body body = switch (action) {
      case "post", "put" -> new Route.Body(kindDefinition, true);
      case "patch" -> new Route.Body(MetaDefinitions.PATCH, true);
      case "delete" -> new Route.Body(MetaDefinitions.DELETE_OPTIONS, false);
      default -> null;
    };
    List<Route.Response> responses = new ArrayList<>();
    responses.add(new Route.Response(200, "OK", sample));
    switch (action) {
      case "post" -> {
        responses.add(new Route.Response(202, "Accepted", sample));
        responses.add(new Route.Response(201, "Created", sample));
      }
      case "delete" -> responses.add(new Route.Response(202, "Accepted", sample));
      case "put" -> responses.add(new Route.Response(201, "Created", sample));
      default -> { }
    }
    responses.add(new Route.Response(401, "Unauthorized", null));
    List<String> consumes = "patch".equals(method) ? patchTypes : JSON_AND_YAML;
    return new Route(path, method, action, operationId(name, path), tag(), description(subresource, verb), kind.group(),
        kind.version(), kind.kind(), parameters, body, consumes, JSON_AND_YAML, responses);
  }

  /** builder.go's descriptionFor. */
  private String description(String subresource, String verb) {
    String article = switch (verb) {
      case "list" -> " objects of kind ";
      case "read", "replace", "patch" -> " the specified ";
      case "create", "delete" -> articleFor(kind.kind());
      default -> "";
    };
    String sub = subresource.isEmpty() ? "" : " " + subresource + " of";
    return switch (verb) {
      case "patch" -> "partially update" + sub + article + kind.kind();
      case "deletecollection" -> "delete collection of" + (sub.isEmpty() ? "" : sub + " a") + " " + kind.kind();
      default -> verb + sub + article + kind.kind();
    };
  }

  /** installer.go's GetArticleForNoun with padding " ": plurals get none, vowels get "an". */
  static String articleFor(String noun) {
    if (!noun.endsWith("ss") && noun.endsWith("s")) {
      return " ";
    }
    return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? " an " : " a ";
  }

  /**
   * GetOperationIDAndTags: the verb prefix, then the group (".k8s.io" trimmed) and version made
   * identifiers, then the rest of the operation name; e.g. {@code listCrmMiloIoV1alpha1Person}.
   */
  private String operationId(String operationName, String path) {
    String prefix = VERBS.stream().filter(operationName::startsWith).reduce((a, b) -> b.length() > a.length() ? b : a)
        .orElseThrow(() -> new IllegalStateException("operation " + operationName + " does not start with a verb"));
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String group = parts[1].endsWith(".k8s.io") ? parts[1].substring(0, parts[1].length() - ".k8s.io".length()) : parts[1];
    return prefix + identifier(group, true) + identifier(parts[2], true)
        + identifier(operationName.substring(prefix.length()), true);
  }

  private String tag() {
    String group = kind.group().endsWith(".k8s.io") ? kind.group().substring(0, kind.group().length() - 7) : kind.group();
    return identifier(group, false) + "_" + identifier(kind.version(), false);
  }

  private static final List<String> VERBS = List.of("get", "log", "read", "replace", "patch", "delete",
      "deletecollection", "watch", "connect", "proxy", "list", "create");

  /** ToValidOperationID: letters, '_' and non-leading digits kept; anything else starts a capitalized word. */
  static String identifier(String text, boolean capitalizeFirst) {
    StringBuilder out = new StringBuilder();
    boolean capitalize = capitalizeFirst;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c) || c == '_' || (i != 0 && Character.isDigit(c))) {
        out.append(capitalize ? Character.toUpperCase(c) : c);
        capitalize = false;
      } else {
        capitalize = true;
      }
    }
    return out.toString();
  }

  /** "" for the resource itself, "status" for {@code /{name}/status}. */
  private static String subresource(String suffix) {
    String[] parts = suffix.split("/");
    return parts.length == 3 ? parts[2] : "";
  }

  private static String capitalize(String word) {
    return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
