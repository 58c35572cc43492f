package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * KubeApi is the little this server asks of the main kube-apiserver: create a review
 * (TokenReview, SubjectAccessReview) and read an object (the authentication ConfigMap).
 */
public interface KubeApi {
  /** An answer: HTTP status and the JSON body (null when the body is not JSON). */
  record Response(int status, JsonNode body) {}

  CompletionStage<Response> post(String path, JsonNode body);

  CompletionStage<Response> get(String path);
}
