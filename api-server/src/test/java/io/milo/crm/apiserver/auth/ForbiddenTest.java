package io.milo.crm.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.milo.crm.admission.UserInfo;
import io.milo.crm.apiserver.rest.ApiError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 403 wording of upstream's responsewriters.Forbidden and apierrors.NewForbidden. */
class ForbiddenTest {
  private static final UserInfo BOB = new UserInfo("bob", "", List.of("system:authenticated"), Map.of());

  private static ApiError forbidden(String method, String url, String reason) {
    return Forbidden.of(new Attributes(BOB, RequestInfoTest.derive(method, url)), reason);
  }

  @Test
  void aClusterScopedListNamesTheResourceAndTheScope() {
    ApiError error = forbidden("GET", "/apis/crm.milo.io/v1alpha1/people", "");
    assertThat(error.code()).isEqualTo(403);
    assertThat(error.status().path("reason").asText()).isEqualTo("Forbidden");
    assertThat(error.getMessage()).isEqualTo("people.crm.milo.io is forbidden: User \"bob\" cannot list resource"
        + " \"people\" in API group \"crm.milo.io\" at the cluster scope");
    assertThat(error.status().path("details").toString()).isEqualTo("{\"group\":\"crm.milo.io\",\"kind\":\"people\"}");
  }

  @Test
  void aNamedNamespacedSubresourceGetsNameNamespaceAndReason() {
    ApiError error = forbidden("PUT", "/apis/notification.milo.io/v1alpha1/namespaces/team/contacts/c1/status",
        "No policy matched.");
    assertThat(error.getMessage()).isEqualTo("contacts.notification.milo.io \"c1\" is forbidden: User \"bob\" cannot"
        + " update resource \"contacts/status\" in API group \"notification.milo.io\" in the namespace \"team\":"
        + " No policy matched.");
    assertThat(error.status().path("details").toString())
        .isEqualTo("{\"name\":\"c1\",\"group\":\"notification.milo.io\",\"kind\":\"contacts\"}");
  }

  @Test
  void aNonResourcePathIsForbiddenWithEmptyDetails() {
    ApiError error = forbidden("GET", "/version", "");
    assertThat(error.getMessage()).isEqualTo("forbidden: User \"bob\" cannot get path \"/version\"");
    assertThat(error.status().path("details").toString()).isEqualTo("{}");
  }

  @Test
  void theCoreGroupHasNoSuffixAndMarkupIsEscaped() {
    assertThat(forbidden("GET", "/api/v1/namespaces/a/pods", "").getMessage()).isEqualTo("pods is forbidden: User"
        + " \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"a\"");
    assertThat(forbidden("GET", "/<b>", "").getMessage())
        .isEqualTo("forbidden: User \"bob\" cannot get path \"/&lt;b&gt;\"");
  }
}
