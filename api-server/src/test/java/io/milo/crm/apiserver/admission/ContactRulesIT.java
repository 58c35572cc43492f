package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertImmutable;
import static io.milo.crm.apiserver.admission.Api.assertInvalid;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static io.milo.crm.apiserver.admission.Objects.userContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Contact rules of resources.md over HTTP: the email is an RFC 5322 addr-spec, unique across
 * all namespaces compared case-insensitively, and the subject, once set, never changes.
 */
class ContactRulesIT {
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    api = new Api(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-email", "ada@", "@example.com", "ada lovelace@example.com", "Ada <ada@example.com>",
      "ada@@example.com", "ada@exa mple.com", ""})
  void anEmailThatIsNotAnAddrSpecIsRefused(String email) throws Exception {
    String name = "bad-" + Integer.toHexString(email.hashCode());
    TestServer.Response refused = api.post(contacts("syntax"), contact(name, email));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().path("details").path("causes").findValuesAsText("field")).contains("spec.email");
    if (!email.isEmpty()) {
      assertInvalid(refused, "FieldValueInvalid", "spec.email");
    }
    assertThat(api.status(contacts("syntax") + "/" + name)).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada@example.com", "ada.lovelace+crm@mail.example.co.uk", "o'brien@example.com",
      "first_last-1@sub.example.org", "x@example.io"})
  void anAddrSpecIsAccepted(String email) throws Exception {
    String name = "good-" + Integer.toHexString(email.hashCode());
    JsonNode created = api.create(contacts("syntax-ok"), contact(name, email));
    assertThat(created.path("spec").path("email").asText()).isEqualTo(email);
  }

  @Test
  void emailIsUniqueAcrossNamespacesCaseInsensitively() throws Exception {
    api.create(contacts("team-a"), contact("first-owner", "grace@example.com"));

    TestServer.Response sameNamespace = api.post(contacts("team-a"), contact("second-owner", "grace@example.com"));
    JsonNode cause = assertInvalid(sameNamespace, "FieldValueDuplicate", "spec.email");
    assertThat(cause.path("field").asText()).isEqualTo("spec.email");
    assertThat(sameNamespace.json().path("message").asText()).contains("first-owner");

    TestServer.Response otherNamespace = api.post(contacts("team-b"), contact("third-owner", "Grace@Example.COM"));
    assertInvalid(otherNamespace, "FieldValueDuplicate", "spec.email");
    assertThat(otherNamespace.json().path("message").asText()).contains("first-owner");
    assertThat(api.status(contacts("team-a") + "/second-owner")).isEqualTo(404);
    assertThat(api.status(contacts("team-b") + "/third-owner")).isEqualTo(404);

    // Changing another Contact's email to the taken one is refused too, and changes nothing.
    JsonNode other = api.create(contacts("team-b"), contact("fourth-owner", "hopper@example.com"));
    TestServer.Response update = api.mergePatch(contacts("team-b") + "/fourth-owner", "{\"spec\":{\"email\":\"GRACE@example.com\"}}");
    assertInvalid(update, "FieldValueDuplicate", "spec.email");
    assertThat(update.json().path("message").asText()).contains("first-owner");
    assertThat(api.read(contacts("team-b") + "/fourth-owner").path("spec")).isEqualTo(other.path("spec"));

    // A Contact keeping its own email is no duplicate of itself.
    TestServer.Response own = api.mergePatch(contacts("team-a") + "/first-owner", "{\"spec\":{\"givenName\":\"Grace\"}}");
    assertThat(own.status()).as(own.body()).isEqualTo(200);

    // Once the first is gone, the email is free.
    assertThat(api.delete(contacts("team-a") + "/first-owner").status()).isEqualTo(200);
    api.create(contacts("team-b"), contact("third-owner", "Grace@Example.COM"));
  }

  @Test
  void subjectMayBeSetOnceThenNeverChanges() throws Exception {
    String ns = "subjects";
    JsonNode created = api.create(contacts(ns), contact("later-user", "later@example.com"));
    assertThat(created.path("spec").has("subject")).isFalse();

    TestServer.Response set = api.mergePatch(contacts(ns) + "/later-user",
        "{\"spec\":{\"subject\":{\"apiGroup\":\"iam.miloapis.com\",\"kind\":\"User\",\"name\":\"later\"}}}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().path("spec").path("subject").path("name").asText()).isEqualTo("later");

    TestServer.Response changed = api.mergePatch(contacts(ns) + "/later-user", "{\"spec\":{\"subject\":{\"name\":\"someone-else\"}}}");
    assertImmutable(changed, "spec.subject");
    TestServer.Response removed = api.mergePatch(contacts(ns) + "/later-user", "{\"spec\":{\"subject\":null}}");
    assertImmutable(removed, "spec.subject");
    assertThat(api.read(contacts(ns) + "/later-user").path("spec").path("subject").path("name").asText()).isEqualTo("later");

    JsonNode born = api.create(contacts(ns), userContact("born-user", "born@example.com", "born"));
    ObjectNode replaced = born.deepCopy();
    ((ObjectNode) spec(replaced).get("subject")).put("name", "reborn");
    assertImmutable(api.put(contacts(ns), replaced), "spec.subject");

    // The rest of the spec stays editable.
    ObjectNode renamed = born.deepCopy();
    spec(renamed).put("familyName", "Borne");
    TestServer.Response ok = api.put(contacts(ns), renamed);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }
}
