package io.milo.crm.apiserver.admission;

import static io.milo.crm.apiserver.admission.Api.assertInvalid;
import static io.milo.crm.apiserver.admission.Objects.contact;
import static io.milo.crm.apiserver.admission.Objects.contacts;
import static io.milo.crm.apiserver.admission.Objects.group;
import static io.milo.crm.apiserver.admission.Objects.groups;
import static io.milo.crm.apiserver.admission.Objects.membership;
import static io.milo.crm.apiserver.admission.Objects.memberships;
import static io.milo.crm.apiserver.admission.Objects.removal;
import static io.milo.crm.apiserver.admission.Objects.removals;
import static io.milo.crm.apiserver.admission.Objects.spec;
import static io.milo.crm.apiserver.admission.Objects.userContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milo.crm.apiserver.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ContactGroupMembership and ContactGroupMembershipRemoval rules of resources.md over HTTP:
 * both refs must exist, one object per (contact, group), the spec never changes, status.username
 * follows the Contact's User subject, a removal is refused for a private group, removes the
 * membership, and blocks a new one until it is deleted.
 */
class MembershipRulesIT {
  private static final String NS = "members";
  private static final String GROUPS_NS = "lists";
  static TestServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    api = new Api(server);
    api.create(groups(GROUPS_NS), group("news", "News", "public"));
    api.create(groups(GROUPS_NS), group("staff", "Staff", "private"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String collection(String resource) {
    return resource.equals("memberships") ? memberships(NS) : removals(NS);
  }

  private static ObjectNode pair(String resource, String name, String contact, String groupNamespace, String group) {
    return resource.equals("memberships") ? membership(name, NS, contact, groupNamespace, group)
        : removal(name, NS, contact, groupNamespace, group);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memberships", "removals"})
  void contactAndGroupMustExist(String resource) throws Exception {
    String contact = "exists-" + resource;
    api.create(contacts(NS), contact(contact, contact + "@example.com"));

    TestServer.Response noContact = api.post(collection(resource), pair(resource, "no-contact", "ghost-contact", GROUPS_NS, "news"));
    JsonNode cause = assertInvalid(noContact, "FieldValueNotFound", "spec.contactRef");
    assertThat(cause.path("message").asText()).contains("ghost-contact");
    assertThat(api.status(collection(resource) + "/no-contact")).isEqualTo(404);

    TestServer.Response noGroup = api.post(collection(resource), pair(resource, "no-group", contact, GROUPS_NS, "ghost-group"));
    assertThat(assertInvalid(noGroup, "FieldValueNotFound", "spec.contactGroupRef").path("message").asText())
        .contains("ghost-group");
    assertThat(api.status(collection(resource) + "/no-group")).isEqualTo(404);

    // The group's name in the wrong namespace is not the group.
    TestServer.Response wrongNamespace = api.post(collection(resource), pair(resource, "wrong-ns", contact, NS, "news"));
    assertInvalid(wrongNamespace, "FieldValueNotFound", "spec.contactGroupRef");

    api.create(collection(resource), pair(resource, "both-exist", contact, GROUPS_NS, "news"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memberships", "removals"})
  void onePerContactAndGroup(String resource) throws Exception {
    String contact = "once-" + resource;
    api.create(contacts(NS), contact(contact, contact + "@example.com"));
    api.create(collection(resource), pair(resource, "first-of-pair-" + resource, contact, GROUPS_NS, "news"));
    TestServer.Response second = api.post(collection(resource), pair(resource, "second-of-pair", contact, GROUPS_NS, "news"));
    assertInvalid(second, "FieldValueDuplicate", "spec");
    assertThat(second.json().path("message").asText()).contains("first-of-pair-" + resource);
    assertThat(api.status(collection(resource) + "/second-of-pair")).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memberships", "removals"})
  void specIsImmutable(String resource) throws Exception {
    String contact = "fixed-" + resource;
    api.create(contacts(NS), contact(contact, contact + "@example.com"));
    api.create(contacts(NS), contact(contact + "-2", contact + "-2@example.com"));
    JsonNode created = api.create(collection(resource), pair(resource, "fixed", contact, GROUPS_NS, "news"));
    ObjectNode moved = created.deepCopy();
    ((ObjectNode) spec(moved).get("contactRef")).put("name", contact + "-2");
    TestServer.Response refused = api.put(collection(resource), moved);
    JsonNode cause = assertInvalid(refused, "FieldValueInvalid", "spec");
    assertThat(cause.path("message").asText()).contains("spec is immutable");
    TestServer.Response patched = api.mergePatch(collection(resource) + "/fixed",
        "{\"spec\":{\"contactRef\":{\"name\":\"" + contact + "-2\"}}}");
    assertThat(assertInvalid(patched, "FieldValueInvalid", "spec").path("message").asText()).contains("spec is immutable");
    assertThat(api.read(collection(resource) + "/fixed").path("spec")).isEqualTo(created.path("spec"));

    // Metadata stays editable.
    TestServer.Response labelled = api.mergePatch(collection(resource) + "/fixed", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
    assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memberships", "removals"})
  void usernameIsTheContactsUserSubject(String resource) throws Exception {
    api.create(contacts(NS), userContact("user-" + resource, "user-" + resource + "@example.com", "ada-" + resource));
    api.create(contacts(NS), contact("plain-" + resource, "plain-" + resource + "@example.com"));
    JsonNode withUser = api.create(collection(resource), pair(resource, "with-user", "user-" + resource, GROUPS_NS, "news"));
    assertThat(withUser.path("status").path("username").asText()).isEqualTo("ada-" + resource);
    assertThat(api.read(collection(resource) + "/with-user").path("status").path("username").asText()).isEqualTo("ada-" + resource);
    List<JsonNode> selected = api.list(collection(resource), "status.username=ada-" + resource);
    assertThat(selected).extracting(i -> i.path("metadata").path("name").asText()).containsExactly("with-user");

    JsonNode withoutUser = api.create(collection(resource), pair(resource, "without-user", "plain-" + resource, GROUPS_NS, "news"));
    assertThat(withoutUser.path("status").path("username").asText("")).isEmpty();
  }

  @Test
  void aRemovalForAPrivateGroupIsRefused() throws Exception {
    api.create(contacts(NS), contact("insider", "insider@example.com"));
    api.create(memberships(NS), membership("insider-staff", NS, "insider", GROUPS_NS, "staff"));
    TestServer.Response refused = api.post(removals(NS), removal("leave-staff", NS, "insider", GROUPS_NS, "staff"));
    JsonNode cause = assertInvalid(refused, "FieldValueInvalid", "spec.contactGroupRef");
    assertThat(cause.path("message").asText()).contains("private");
    assertThat(api.status(removals(NS) + "/leave-staff")).isEqualTo(404);
    assertThat(api.status(memberships(NS) + "/insider-staff")).isEqualTo(200);
  }

  @Test
  void aRemovalDeletesTheMembershipAndBlocksANewOneUntilDeleted() throws Exception {
    api.create(contacts(NS), contact("leaver", "leaver@example.com"));
    api.create(contacts(NS), contact("stayer", "stayer@example.com"));
    JsonNode member = api.create(memberships(NS), membership("leaver-news", NS, "leaver", GROUPS_NS, "news"));
    api.create(memberships(NS), membership("stayer-news", NS, "stayer", GROUPS_NS, "news"));
    String before = member.path("metadata").path("resourceVersion").asText();

    api.create(removals(NS), removal("leaver-out", NS, "leaver", GROUPS_NS, "news"));
    assertThat(api.status(memberships(NS) + "/leaver-news")).isEqualTo(404);
    assertThat(api.status(memberships(NS) + "/stayer-news")).isEqualTo(200);
    assertThat(api.list(memberships(NS), "spec.contactRef.name=leaver")).isEmpty();
    List<JsonNode> events = api.watch(memberships(NS), before, 2);
    assertThat(events).anySatisfy(e -> {
      assertThat(e.path("type").asText()).isEqualTo("DELETED");
      assertThat(e.path("object").path("metadata").path("name").asText()).isEqualTo("leaver-news");
    });

    TestServer.Response blocked = api.post(memberships(NS), membership("leaver-back", NS, "leaver", GROUPS_NS, "news"));
    JsonNode cause = assertInvalid(blocked, "FieldValueInvalid", "spec");
    // The message says why: it names the removal (or at least speaks of one).
    assertThat(blocked.json().path("message").asText()).containsAnyOf("leaver-out", "ContactGroupMembershipRemoval", "removal");
    assertThat(cause.path("message").asText()).isNotEmpty();
    assertThat(api.status(memberships(NS) + "/leaver-back")).isEqualTo(404);

    assertThat(api.delete(removals(NS) + "/leaver-out").status()).isEqualTo(200);
    api.create(memberships(NS), membership("leaver-back", NS, "leaver", GROUPS_NS, "news"));
  }

  @Test
  void aRemovalWithoutAMembershipIsAcceptedAndBlocksOne() throws Exception {
    api.create(contacts(NS), contact("never-joined", "never@example.com"));
    api.create(removals(NS), removal("never-out", NS, "never-joined", GROUPS_NS, "news"));
    TestServer.Response blocked = api.post(memberships(NS), membership("never-in", NS, "never-joined", GROUPS_NS, "news"));
    assertInvalid(blocked, "FieldValueInvalid", "spec");
  }
}
