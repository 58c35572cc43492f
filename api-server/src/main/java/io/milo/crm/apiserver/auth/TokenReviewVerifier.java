package io.milo.crm.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.admission.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * TokenReviewVerifier asks the main kube-apiserver who a bearer token belongs to, by creating a
 * TokenReview (authentication.k8s.io/v1), as the delegating authenticator does (k8s.io/apiserver
 * plugin/pkg/authenticator/token/webhook). A review that says "not authenticated" is a rejection; a
 * review that cannot be made is an error, never cached.
 */
public final class TokenReviewVerifier implements TokenVerifier {
  static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";
  /** The prefix of a rejection's error, which caches may keep (unlike a failed call). */
  static final String REJECTED = "token rejected";

  private final KubeApi api;
  private final List<String> audiences;

  public TokenReviewVerifier(KubeApi api, List<String> audiences) {
    this.api = api;
    this.audiences = List.copyOf(audiences);
  }

  @Override
  public CompletionStage<Authentication> verify(String token) {
    ObjectNode review = JsonNodeFactory.instance.objectNode()
        .put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenReview");
    ObjectNode spec = review.putObject("spec").put("token", token);
    if (!audiences.isEmpty()) {
      audiences.forEach(spec.putArray("audiences")::add);
    }
    return api.post(PATH, review).handle((response, failure) -> {
      if (failure != null) {
        return Authentication.failed("TokenReview failed: " + failure.getMessage());
      }
      if (response.status() != 201 && response.status() != 200 || response.body() == null) {
        return Authentication.failed("TokenReview failed with HTTP " + response.status());
      }
      JsonNode status = response.body().path("status");
      if (!status.path("authenticated").asBoolean(false)) {
        String error = status.path("error").asText("");
        return Authentication.failed(REJECTED + (error.isEmpty() ? "" : ": " + error));
      }
      return Authentication.of(user(status.path("user")));
    });
  }

  static UserInfo user(JsonNode user) {
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(g -> groups.add(g.asText()));
    Map<String, List<String>> extra = new LinkedHashMap<>();
    user.path("extra").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      extra.put(e.getKey(), values);
    });
    return new UserInfo(user.path("username").asText(""), user.path("uid").asText(""), groups, extra);
  }
}
