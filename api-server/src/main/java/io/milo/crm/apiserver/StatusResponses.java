package io.milo.crm.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** StatusResponses writes errors the way the kube-apiserver does: a {@code metav1.Status} body. */
final class StatusResponses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusResponses() {}

  static void failure(HttpServerResponse response, int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    response.setStatusCode(code).putHeader("Content-Type", "application/json").end(status.toString());
  }
}
