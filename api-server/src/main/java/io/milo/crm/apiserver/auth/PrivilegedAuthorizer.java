package io.milo.crm.apiserver.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PrivilegedAuthorizer allows, without asking anyone, the paths probes use and the groups that may do
 * anything: by default /healthz, /livez, /readyz and system:masters (AlwaysAllowPaths and
 * AlwaysAllowGroups of k8s.io/apiserver pkg/server/options/authorization.go; a path ending in * is a
 * prefix, as upstream's path authorizer). Anything else gets no opinion.
 */
public final class PrivilegedAuthorizer implements Authorizer {
  public static final List<String> ALWAYS_ALLOW_PATHS = List.of("/healthz", "/readyz", "/livez");
  public static final List<String> ALWAYS_ALLOW_GROUPS = List.of("system:masters");

  private final List<String> paths;
  private final List<String> groups;

  public PrivilegedAuthorizer(List<String> paths, List<String> groups) {
    this.paths = List.copyOf(paths);
    this.groups = List.copyOf(groups);
  }

  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    return CompletableFuture.completedFuture(decide(attributes));
  }

  Decision decide(Attributes attributes) {
    if (attributes.user() != null && attributes.user().groups().stream().anyMatch(groups::contains)) {
      return Decision.allow("");
    }
    RequestInfo request = attributes.request();
    if (!request.resourceRequest()) {
      for (String path : paths) {
        boolean prefix = path.endsWith("*");
        if (prefix ? request.path().startsWith(path.substring(0, path.length() - 1)) : request.path().equals(path)) {
          return Decision.allow("");
        }
      }
    }
    return Decision.noOpinion("");
  }
}
