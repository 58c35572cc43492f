package io.milo.crm.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * AuthorizerChain asks authorizers in order; the first allow or deny decides, and when all have no
 * opinion their reasons are joined by newlines and any error reported (k8s.io/apiserver
 * pkg/authorization/union).
 */
public final class AuthorizerChain implements Authorizer {
  private final List<Authorizer> authorizers;

  public AuthorizerChain(List<Authorizer> authorizers) {
    this.authorizers = List.copyOf(authorizers);
  }

  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    return tryFrom(0, attributes, new ArrayList<>(), new ArrayList<>());
  }

  private CompletionStage<Decision> tryFrom(int index, Attributes attributes, List<String> reasons,
      List<String> errors) {
    if (index >= authorizers.size()) {
      return CompletableFuture.completedFuture(new Decision(Decision.Kind.NO_OPINION, String.join("\n", reasons),
          errors.isEmpty() ? null : String.join(", ", errors)));
    }
    return authorizers.get(index).authorize(attributes).thenCompose(decision -> {
      if (decision.error() != null) {
        errors.add(decision.error());
      }
      if (decision.reason() != null && !decision.reason().isEmpty()) {
        reasons.add(decision.reason());
      }
      if (decision.kind() != Decision.Kind.NO_OPINION) {
        return CompletableFuture.completedFuture(decision);
      }
      return tryFrom(index + 1, attributes, reasons, errors);
    });
  }
}
