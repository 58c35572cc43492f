package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.UserInfo;
import java.util.concurrent.CompletionStage;

/**
 * SubjectAccessReviewAuthorizer asks the main kube-apiserver, by creating a SubjectAccessReview
 * (authorization.k8s.io/v1) with the request's attributes, as the delegating authorizer does
 * (k8s.io/apiserver plugin/pkg/authorizer/webhook): allowed is allow, denied is deny, otherwise no
 * opinion, with the review's reason; a review that cannot be made is an error.
 */
public final class SubjectAccessReviewAuthorizer implements Authorizer {
  static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  private final KubeApi api;

  public SubjectAccessReviewAuthorizer(KubeApi api) {
    this.api = api;
  }

  @Override
  public CompletionStage<Decision> authorize(Attributes attributes) {
    return api.post(PATH, review(attributes)).handle((response, failure) -> {
      if (failure != null) {
        return Decision.failed("SubjectAccessReview failed: " + failure.getMessage());
      }
      if (response.status() != 201 && response.status() != 200 || response.body() == null) {
        return Decision.failed("SubjectAccessReview failed with HTTP " + response.status());
      }
      JsonNode status = response.body().path("status");
      String reason = status.path("reason").asText("");
      if (status.path("allowed").asBoolean(false)) {
        return Decision.allow(reason);
      }
      if (status.path("denied").asBoolean(false)) {
        return Decision.deny(reason);
      }
      String evaluationError = status.path("evaluationError").asText("");
      return evaluationError.isEmpty() ? Decision.noOpinion(reason)
          : new Decision(Decision.Kind.NO_OPINION, reason, evaluationError);
    });
  }

  /** The review for a request: its spec is also the cache key, as upstream keys its cache. */
  static ObjectNode review(Attributes attributes) {
    ObjectNode review = JsonNodeFactory.instance.objectNode()
        .put("apiVersion", "authorization.k8s.io/v1").put("kind", "SubjectAccessReview");
    ObjectNode spec = review.putObject("spec");
    RequestInfo request = attributes.request();
    if (request.resourceRequest()) {
      ObjectNode resource = spec.putObject("resourceAttributes");
      putIfSet(resource, "namespace", request.namespace());
      putIfSet(resource, "verb", request.verb());
      putIfSet(resource, "group", request.apiGroup());
      putIfSet(resource, "version", request.apiVersion());
      putIfSet(resource, "resource", request.resource());
      putIfSet(resource, "subresource", request.subresource());
      putIfSet(resource, "name", request.name());
    } else {
      ObjectNode nonResource = spec.putObject("nonResourceAttributes");
      putIfSet(nonResource, "path", request.path());
      putIfSet(nonResource, "verb", request.verb());
    }
    UserInfo user = attributes.user();
    putIfSet(spec, "user", user.name());
    if (!user.groups().isEmpty()) {
      ArrayNode groups = spec.putArray("groups");
      user.groups().forEach(groups::add);
    }
    if (!user.extra().isEmpty()) {
      ObjectNode extra = spec.putObject("extra");
      new java.util.TreeMap<>(user.extra()).forEach((key, values) -> {
        ArrayNode array = extra.putArray(key);
        values.forEach(array::add);
      });
    }
    putIfSet(spec, "uid", user.uid());
    review.putObject("status").put("allowed", false);
    return review;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
