package io.milo.crm.apiserver.auth;

import io.milo.crm.admission.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * AuthenticatorChain asks the authenticators in order (front proxy, client certificate, bearer
 * token) and takes the first user found, adding the group system:authenticated; when none finds one,
 * the request is anonymous if that is enabled and no authenticator reported an invalid credential,
 * and unauthenticated otherwise (union, AuthenticatedGroupAdder and the fail-on-error anonymous
 * fallback of k8s.io/apiserver pkg/authentication/authenticatorfactory/delegating.go).
 */
public final class AuthenticatorChain implements RequestAuthenticator {
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String UNAUTHENTICATED = "system:unauthenticated";
  public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED), Map.of());

  private final List<RequestAuthenticator> authenticators;
  private final boolean anonymous;

  public AuthenticatorChain(List<RequestAuthenticator> authenticators, boolean anonymous) {
    this.authenticators = List.copyOf(authenticators);
    this.anonymous = anonymous;
  }

  @Override
  public CompletionStage<Authentication> authenticate(Credentials credentials) {
    return tryFrom(0, credentials, new ArrayList<>());
  }

  private CompletionStage<Authentication> tryFrom(int index, Credentials credentials, List<String> errors) {
    if (index >= authenticators.size()) {
      if (!errors.isEmpty()) {
        return CompletableFuture.completedFuture(Authentication.failed(String.join("; ", errors)));
      }
      return CompletableFuture.completedFuture(anonymous ? Authentication.of(ANONYMOUS) : Authentication.none());
    }
    return authenticators.get(index).authenticate(credentials).thenCompose(result -> {
      if (result.authenticated()) {
        return CompletableFuture.completedFuture(Authentication.of(withAuthenticatedGroup(result.user())));
      }
      if (result.error() != null) {
        errors.add(result.error());
      }
      return tryFrom(index + 1, credentials, errors);
    });
  }

  private static UserInfo withAuthenticatedGroup(UserInfo user) {
    if (user.name().equals(ANONYMOUS.name()) || user.groups().contains(AUTHENTICATED)
        || user.groups().contains(UNAUTHENTICATED)) {
      return user;
    }
    List<String> groups = new ArrayList<>(user.groups());
    groups.add(AUTHENTICATED);
    return new UserInfo(user.name(), user.uid(), groups, user.extra());
  }
}
